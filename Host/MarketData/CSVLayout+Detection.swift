extension CSVLayout {
  /// Detects the layout of the file at `path` (see `detect(bytes:path:kind:)`).
  public static func detect(path: String, kind: SeriesKind? = nil) throws(DataError) -> CSVLayout {
    let bytes = try FileBytes.read(path: path)
    return try detect(bytes: bytes, path: path, kind: kind)
  }

  /// Detects a layout from the file's first two non-blank lines. Pure; `path` only names the
  /// file in errors.
  ///
  /// - The first line is a header unless one of its fields looks like a timestamp or all of
  ///   them are numbers. Header names map to roles by `HeaderNames` (unknown names are ignored
  ///   columns); the kind follows from the roles (bid/ask OHLC, OHLC, bid+ask, price+size) unless
  ///   `kind` is given.
  /// - backtrader's 2006 sample has a 7-name header over 8-field rows: when the rows have one
  ///   field more than the header, the first column is a date and the second field of the first
  ///   row is a time of day, a `Time` column is inserted after the date (`headerLacksTimeColumn`).
  /// - Without a header the first field must be a timestamp (or a date followed by a time);
  ///   the number of numeric fields after it decides the kind unless `kind` is given: 2 or 3
  ///   quotes (`bid,ask[,ignored]`, HistData ticks), 4 to 6 bars (`open,high,low,close
  ///   [,volume[,ignored]]`), 8 bid/ask bars.
  /// - The timestamp form is taken from the first data row; HistData's form implies EST
  ///   (`utcOffsetSeconds = -18000`), every other form UTC.
  public static func detect(bytes: [UInt8], path: String, kind: SeriesKind? = nil)
    throws(DataError) -> CSVLayout
  {
    try bytes.withUnsafeBufferPointer { (buffer) throws(DataError) -> CSVLayout in
      try detect(buffer, path: path, kind: kind)
    }
  }

  static func detect(_ buffer: UnsafeBufferPointer<UInt8>, path: String, kind: SeriesKind?)
    throws(DataError) -> CSVLayout
  {
    let lines = LayoutSniffer.firstLines(buffer, count: 2)
    guard let first = lines.first else {
      throw DataError(path: path, code: .empty, message: "the file holds no rows")
    }
    let delimiter = LayoutSniffer.delimiter(of: first.bytes)
    let fields = LayoutSniffer.fields(first.bytes, delimiter: delimiter)
    let looksLikeData =
      fields.contains { LayoutSniffer.timestampFormat(of: $0) != nil }
      || fields.allSatisfy(LayoutSniffer.isNumber)
    if looksLikeData {
      return try headerless(
        fields, line: first.number, delimiter: delimiter, path: path, kind: kind)
    }
    guard lines.count > 1 else {
      throw DataError(
        path: path, line: first.number, code: .headerOnly,
        message: "the file has a header but no data rows")
    }
    return try fromHeader(
      fields, headerLine: first.number, firstRow: lines[1], delimiter: delimiter, path: path,
      kind: kind)
  }

  /// The kind a set of roles suggests, `nil` when it suggests none.
  static func inferredKind(_ roles: Set<ColumnRole>) -> SeriesKind? {
    let bidAsk: [ColumnRole] = [
      .bidOpen, .bidHigh, .bidLow, .bidClose, .askOpen, .askHigh, .askLow, .askClose,
    ]
    if bidAsk.allSatisfy(roles.contains) { return .bidAskBars }
    if [ColumnRole.open, .high, .low, .close].allSatisfy(roles.contains) { return .bars }
    if roles.contains(.bid) && roles.contains(.ask) { return .quotes }
    if roles.contains(.price) && (roles.contains(.size) || roles.contains(.volume)) {
      return .trades
    }
    return nil
  }

  /// The timestamp form of `field` (row `line`, 0-based `column`), or an error naming it.
  static func sniffedFormat(
    _ field: [UInt8], line: Int, column: Int, name: String?, path: String
  ) throws(DataError) -> TimestampFormat {
    guard let format = LayoutSniffer.timestampFormat(of: field) else {
      throw DataError(
        path: path, line: line, column: column + 1, columnName: name, code: .malformedTimestamp,
        message: "\(LayoutSniffer.quoted(field)) is not a timestamp in a known form "
          + "(ISO-8601, HistData YYYYMMDD HHMMSSmmm, or epoch seconds/ms/us/ns)")
    }
    return format
  }
}
