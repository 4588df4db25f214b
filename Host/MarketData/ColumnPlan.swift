/// A layout checked against its kind and turned into field indices, once per read, so the row
/// loop never looks a role up by name. Built and used by one read on one thread.
struct ColumnPlan {
  /// Where a row's timestamp is.
  enum Time {
    /// One field in `CSVLayout.timestampFormat`.
    case single(Int)
    /// A `YYYY-MM-DD` field and a `HH:MM[:SS[.f]]` field.
    case split(date: Int, time: Int)
  }

  /// The kind actually read (a `.bars` layout whose columns are bid/ask bars reads as those).
  let kind: SeriesKind
  let time: Time
  let fieldCount: Int
  /// Column names, for error messages.
  let names: [String]
  private let indices: [ColumnRole: Int]

  /// The field index of `role`, or `-1` when the layout has no such column.
  func index(_ role: ColumnRole) -> Int { indices[role] ?? -1 }

  /// Checks that `layout` has what its kind needs, each role at most once, and a timestamp.
  init(layout: CSVLayout, path: String) throws(DataError) {
    func failure(_ message: String) -> DataError {
      DataError(path: path, code: .unrecognizedLayout, message: message)
    }
    var indices: [ColumnRole: Int] = [:]
    for (index, column) in layout.columns.enumerated() where column.role != .ignored {
      if let earlier = indices[column.role] {
        throw failure(
          "columns \(earlier + 1) and \(index + 1) both have the role \(column.role.rawValue)")
      }
      indices[column.role] = index
    }
    if let timestamp = indices[.timestamp] {
      if indices[.date] != nil || indices[.time] != nil {
        throw failure("a layout has either a timestamp column or date and time columns, not both")
      }
      time = .single(timestamp)
    } else if let date = indices[.date], let clock = indices[.time] {
      time = .split(date: date, time: clock)
    } else if let date = indices[.date] {
      time = .single(date)
    } else {
      throw failure("no timestamp column (a timestamp, or a date and a time)")
    }
    let ohlc: [ColumnRole] = [.open, .high, .low, .close]
    let bidAsk: [ColumnRole] = [
      .bidOpen, .bidHigh, .bidLow, .bidClose, .askOpen, .askHigh, .askLow, .askClose,
    ]
    var kind = layout.kind
    if kind == .bars && !ohlc.allSatisfy({ indices[$0] != nil })
      && bidAsk.allSatisfy({ indices[$0] != nil })
    {
      kind = .bidAskBars
    }
    let required: [ColumnRole]
    switch kind {
    case .bars: required = ohlc
    case .bidAskBars: required = bidAsk
    case .quotes: required = [.bid, .ask]
    case .trades: required = [.price, .size]
    }
    let missing = required.filter { indices[$0] == nil }
    if !missing.isEmpty {
      throw failure(
        "a \(kind.rawValue) file needs the columns "
          + "\(missing.map(\.rawValue).joined(separator: ", ")), which the layout lacks")
    }
    self.kind = kind
    self.fieldCount = layout.columns.count
    self.names = layout.columns.map(\.name)
    self.indices = indices
  }
}
