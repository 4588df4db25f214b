import Control
import Dispatch
import Foundation
import Kernel
import Synchronization

/// The watchdog of the kernel's plugin calls: a thread that samples the kernel's `CallStamps`
/// every quarter of the deadline (`CallWatch`) on the monotonic clock, and reports a call past
/// the deadline (`onOverdue`) and its return (`onReturned`). Strategy calls and venue calls are
/// watched apart (a venue call nests in a strategy's when the strategy sends an order), the
/// strategy's first in each sample, so when both are overdue the venue's is reported last, as
/// the innermost. When a stop was requested and the kernel is stuck, it calls `onStuckStop`
/// (the host saves what it can and exits: the kernel thread may never return).
///
/// Started and stopped by the command's thread; the callbacks run on the watchdog's thread.
final class KernelWatchdog: Sendable {
  /// A call past its deadline or returned: the stamp, its words, and the time.
  typealias Report = @Sendable (_ call: CallStamp, _ elapsedNanos: Int64) -> Void

  private let stamps: CallStamps
  private let control: KernelControl?
  let deadlineNanos: Int64
  private let onOverdue: Report
  private let onReturned: Report
  private let onStuckStop: @Sendable () -> Void
  private let wake = DispatchSemaphore(value: 0)
  private let stopped = Atomic<Bool>(false)
  private let thread = Mutex<JoinableThread?>(nil)

  /// A watchdog of `stamps` with a deadline of `deadlineNanos`; `control`'s stop request with a
  /// stuck kernel calls `onStuckStop`.
  init(
    stamps: CallStamps, control: KernelControl?, deadlineNanos: Int64,
    onOverdue: @escaping Report, onReturned: @escaping Report,
    onStuckStop: @escaping @Sendable () -> Void = {}
  ) {
    self.stamps = stamps
    self.control = control
    self.deadlineNanos = max(deadlineNanos, 1_000_000)
    self.onOverdue = onOverdue
    self.onReturned = onReturned
    self.onStuckStop = onStuckStop
  }

  /// The sampling period: a quarter of the deadline (at least 1 ms).
  var periodNanos: Int64 { max(deadlineNanos / 4, 1_000_000) }

  /// Starts the thread; throws when no thread can be made.
  func start() throws(JoinableThread.StartError) {
    let started = try JoinableThread.start { [self] in run() }
    thread.withLock { $0 = started }
  }

  /// Stops the thread and waits for it.
  func stop() {
    stopped.store(true, ordering: .releasing)
    wake.signal()
    let running = thread.withLock { thread -> JoinableThread? in
      defer { thread = nil }
      return thread
    }
    running?.join()
  }

  private func run() {
    var strategyCalls = CallWatch(deadlineNanos: deadlineNanos)
    var venueCalls = CallWatch(deadlineNanos: deadlineNanos)
    while !stopped.load(ordering: .acquiring) {
      _ = wake.wait(timeout: .now() + .nanoseconds(Int(periodNanos)))
      if stopped.load(ordering: .acquiring) { return }
      let now = Self.monotonicNow()
      report(strategyCalls.sample(stamps.current, at: now))
      report(venueCalls.sample(stamps.currentVenue, at: now))
      if strategyCalls.isOverdue || venueCalls.isOverdue, control?.isStopRequested == true {
        onStuckStop()
        return
      }
    }
  }

  private func report(_ finding: CallWatch.Finding?) {
    switch finding {
    case .overdue(let call, let elapsed): onOverdue(call, elapsed)
    case .returned(let call, let elapsed): onReturned(call, elapsed)
    case nil: break
    }
  }

  /// Whose call `stamp` is, in words: `slot NAME` for a strategy call, `venue NAME` for a venue
  /// call, `kernel` for one that is no slot's (names by index in `slots` and `venues`).
  static func scope(of stamp: CallStamp, slots: [String], venues: [String]) -> String {
    if let venue = stamp.venue {
      return venue < venues.count ? "venue \(venues[venue])" : "venue #\(venue)"
    }
    return stamp.slot.map { $0 < slots.count ? "slot \(slots[$0])" : "slot #\($0)" } ?? "kernel"
  }

  /// `CLOCK_MONOTONIC`, ns.
  static func monotonicNow() -> Int64 {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec)
  }

  /// The exit status of a host stopped while the kernel thread was stuck in a plugin call.
  static let stuckExitStatus: Int32 = 3

  /// Ends the process now with `stuckExitStatus`, after flushing every output stream (the
  /// kernel thread may be in a plugin call that never returns, so nothing waits for it).
  static func exitStuck() -> Never {
    fflush(nil)
    _exit(stuckExitStatus)
  }
}
