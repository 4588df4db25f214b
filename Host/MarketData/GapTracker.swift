/// Checks that a file's timestamps are in order and finds the smallest positive gap between
/// consecutive ones (the detected bar duration). One read, one thread.
struct GapTracker {
  private var previous: Int64 = 0
  private var previousLine = 0
  private var started = false
  private(set) var smallestGap = Int64.max

  /// Takes the current row's time; throws when it goes back (or, `strictly`, repeats).
  @inline(__always)
  mutating func take(_ time: Int64, rows: borrowing RowCursor, strictly: Bool) throws(DataError) {
    if started {
      try rows.checkOrder(time, after: previous, previousLine: previousLine, strictly: strictly)
      let (gap, overflow) = time.subtractingReportingOverflow(previous)
      if !overflow && gap > 0 && gap < smallestGap { smallestGap = gap }
    }
    started = true
    previous = time
    previousLine = rows.line
  }

  /// The bar duration: `given`, else the smallest gap; an error when neither exists, or when
  /// the last bar's close time (its open plus the duration, when `shifting`) would pass the end
  /// of 64-bit nanosecond time.
  func duration(given: Int64?, shifting: Bool, rows: borrowing RowCursor) throws(DataError)
    -> Int64
  {
    let duration = given ?? smallestGap
    guard duration != Int64.max else {
      throw DataError(
        path: rows.path, code: .unknownDuration,
        message: "the bar duration cannot be detected from a single timestamp; give it")
    }
    if shifting && previous.addingReportingOverflow(duration).overflow {
      throw DataError(
        path: rows.path, line: previousLine, column: rows.timestampColumn + 1,
        columnName: rows.plan.names[rows.timestampColumn], code: .invalidTimestamp,
        message: "the bar's close time (open + duration) is after 2262-04-11")
    }
    return duration
  }
}
