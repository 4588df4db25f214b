extension CSVLayout {
  /// The positional layout of `kind`, for files without a header (or to build a layout by
  /// hand): the timestamp first, then
  ///
  /// - bars: `open,high,low,close[,volume]`
  /// - bid/ask bars: `bid_open,bid_high,bid_low,bid_close,ask_open,ask_high,ask_low,ask_close`
  /// - quotes: `bid,ask[,bid_size,ask_size]`
  /// - trades: `price,size[,side]`
  ///
  /// `fieldCount` (default: the full list) may drop the optional tail or add fields, which are
  /// ignored (`column N`).
  public static func standard(
    _ kind: SeriesKind, fieldCount: Int? = nil, timestampFormat: TimestampFormat = .iso8601,
    hasHeader: Bool = false, utcOffsetSeconds: Int = 0
  ) -> CSVLayout {
    let roles: [ColumnRole]
    switch kind {
    case .bars: roles = [.timestamp, .open, .high, .low, .close, .volume]
    case .bidAskBars:
      roles = [
        .timestamp, .bidOpen, .bidHigh, .bidLow, .bidClose, .askOpen, .askHigh, .askLow, .askClose,
      ]
    case .quotes: roles = [.timestamp, .bid, .ask, .bidSize, .askSize]
    case .trades: roles = [.timestamp, .price, .size, .side]
    }
    let count = fieldCount ?? roles.count
    var columns = roles.prefix(count).map { Column($0) }
    // Sizes come in pairs: a bid size without an ask size is not a standard quote row.
    if kind == .quotes && count == 4 { columns[3] = Column(name: "column 4", role: .ignored) }
    while columns.count < count {
      columns.append(Column(name: "column \(columns.count + 1)", role: .ignored))
    }
    return CSVLayout(
      kind: kind, columns: columns, timestampFormat: timestampFormat, hasHeader: hasHeader,
      utcOffsetSeconds: utcOffsetSeconds)
  }
}
