extension CSVLayout {
  /// The layout of a file with a header row (see `detect(bytes:path:kind:)`).
  static func fromHeader(
    _ header: [[UInt8]], headerLine: Int, firstRow: LayoutSniffer.Line, delimiter: UInt8,
    path: String, kind requested: SeriesKind?
  ) throws(DataError) -> CSVLayout {
    var columns = header.map { field in
      let name = trimmed(String(decoding: field, as: UTF8.self))
      return Column(name: name, role: HeaderNames.role(of: name))
    }
    let row = LayoutSniffer.fields(firstRow.bytes, delimiter: delimiter)
    var lacksTime = false
    if row.count == columns.count + 1, let first = columns.first,
      first.role == .date || first.role == .timestamp,
      !columns.contains(where: { $0.role == .time }), LayoutSniffer.isTimeOfDay(row[1])
    {
      columns[0].role = .date
      columns.insert(Column(name: "Time", role: .time), at: 1)
      lacksTime = true
    }
    // One timestamp: the first full timestamp column wins over later ones and over date/time.
    if let first = columns.firstIndex(where: { $0.role == .timestamp }) {
      for index in columns.indices where index != first {
        if [.timestamp, .date, .time].contains(columns[index].role) {
          columns[index].role = .ignored
        }
      }
    } else if !columns.contains(where: { $0.role == .time }),
      let date = columns.firstIndex(where: { $0.role == .date })
    {
      columns[date].role = .timestamp  // a date alone (Yahoo's `Date`) is the whole timestamp
    } else if !columns.contains(where: { $0.role == .date }),
      let time = columns.firstIndex(where: { $0.role == .time })
    {
      columns[time].role = .timestamp
    }
    let roles = Set(columns.map(\.role))
    guard let kind = requested ?? inferredKind(roles) else {
      throw DataError(
        path: path, line: headerLine, code: .unrecognizedLayout,
        message: "cannot tell what the columns "
          + "\(columns.map(\.name).joined(separator: ",")) hold "
          + "(expected open/high/low/close, bid_open...ask_close, bid/ask, or price/size)")
    }
    if kind == .trades && !roles.contains(.size),
      let volume = columns.firstIndex(where: { $0.role == .volume })
    {
      columns[volume].role = .size
    }
    var format = TimestampFormat.iso8601
    if let index = columns.firstIndex(where: { $0.role == .timestamp }), index < row.count {
      format = try sniffedFormat(
        row[index], line: firstRow.number, column: index, name: columns[index].name, path: path)
    }
    return CSVLayout(
      kind: kind, columns: columns, timestampFormat: format, hasHeader: true,
      delimiter: delimiter, utcOffsetSeconds: format == .histData ? -18_000 : 0,
      headerLacksTimeColumn: lacksTime)
  }

  /// The layout of a file without a header (see `detect(bytes:path:kind:)`).
  static func headerless(
    _ fields: [[UInt8]], line: Int, delimiter: UInt8, path: String, kind requested: SeriesKind?
  ) throws(DataError) -> CSVLayout {
    let format = try sniffedFormat(fields[0], line: line, column: 0, name: nil, path: path)
    let split =
      format == .iso8601 && fields[0].count == 10 && fields.count > 1
      && LayoutSniffer.isTimeOfDay(fields[1])
    let values = fields.count - (split ? 2 : 1)
    let kind: SeriesKind
    if let requested {
      kind = requested
    } else {
      switch values {
      case 2, 3: kind = .quotes
      case 4, 5, 6: kind = .bars
      case 8: kind = .bidAskBars
      default:
        throw DataError(
          path: path, line: line, code: .unrecognizedLayout,
          message: "no header, and \(values) fields after the timestamp fit no known layout "
            + "(2-3 quotes, 4-6 bars, 8 bid/ask bars)")
      }
    }
    var layout = standard(
      kind, fieldCount: values + 1, timestampFormat: format,
      utcOffsetSeconds: format == .histData ? -18_000 : 0)
    layout.delimiter = delimiter
    if split {
      layout.columns[0] = Column(.date)
      layout.columns.insert(Column(.time), at: 1)
    }
    return layout
  }

  /// `name` without surrounding spaces.
  private static func trimmed(_ name: String) -> String {
    String(name.drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
  }
}
