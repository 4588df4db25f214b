/// The watchdog's judgement of the kernel's plugin calls, as a value: fed samples of
/// `CallStamps.current` with the time they were taken, it reports a call that has been in
/// progress for at least `deadlineNanos` (once per call) and, later, that call's return.
///
/// Elapsed times count from the first sample that saw the call, so they understate the call's
/// real length by at most one sampling period: sample every quarter of the deadline (or more
/// often) and an overdue call is reported at most a quarter of the deadline after it passed.
///
/// Time is whatever the caller passes (a monotonic wall clock in the host, a test's numbers);
/// one owner, one thread.
public struct CallWatch: Sendable {
  /// What a sample revealed.
  public enum Finding: Sendable, Equatable {
    /// `call` has been running for `elapsedNanos`, at least the deadline.
    case overdue(CallStamp, elapsedNanos: Int64)
    /// The overdue `call` returned after `elapsedNanos`.
    case returned(CallStamp, elapsedNanos: Int64)
  }

  /// A call running this long is overdue, ns (at least 1).
  public let deadlineNanos: Int64
  private var watched: CallStamp?
  private var since: Int64 = 0
  /// Whether the watched call was reported overdue.
  public private(set) var isOverdue = false

  public init(deadlineNanos: Int64) {
    self.deadlineNanos = max(deadlineNanos, 1)
  }

  /// The call reported overdue and still running, if any.
  public var overdueCall: CallStamp? { isOverdue ? watched : nil }

  /// How long the overdue call has run at `now` (0 when none is overdue).
  public func overdueFor(at now: Int64) -> Int64 { isOverdue ? now - since : 0 }

  /// Takes one sample: `current` is the call in progress at `now` (`nil`: none).
  public mutating func sample(_ current: CallStamp?, at now: Int64) -> Finding? {
    if current != watched {
      let finding: Finding? =
        if isOverdue, let watched { .returned(watched, elapsedNanos: now - since) } else { nil }
      watched = current
      since = now
      isOverdue = false
      return finding
    }
    guard let current, !isOverdue, now - since >= deadlineNanos else { return nil }
    isOverdue = true
    return .overdue(current, elapsedNanos: now - since)
  }
}
