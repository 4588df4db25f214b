extension Duration {
  /// The duration in whole nanoseconds, saturating at the ends of `Int64` (about 292 years).
  var saturatingNanoseconds: Int64 {
    let (seconds, attoseconds) = components
    let (whole, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
    guard !overflow else { return seconds < 0 ? .min : .max }
    let (total, overflowAdding) = whole.addingReportingOverflow(attoseconds / 1_000_000_000)
    guard !overflowAdding else { return seconds < 0 ? .min : .max }
    return total
  }
}
