extension Int64 {
  /// `self - earlier`, saturating at `Int64.max` instead of trapping (two clock readings more
  /// than 292 years apart). Allocation-free.
  @inline(__always)
  func nanosSince(_ earlier: Int64) -> Int64 {
    let (difference, overflow) = subtractingReportingOverflow(earlier)
    if overflow { return earlier > self ? .min : .max }
    return difference
  }

  /// `self + duration`, saturating at the ends of `Int64`. Allocation-free.
  @inline(__always)
  func addingNanos(_ duration: Int64) -> Int64 {
    let (sum, overflow) = addingReportingOverflow(duration)
    if overflow { return duration > 0 ? .max : .min }
    return sum
  }
}
