import Synchronization

/// The part of a kernel other threads may touch: pause, resume and stop requests, read by the
/// kernel thread between events (relaxed atomics; a request takes effect at the next event).
public final class KernelControl: Sendable {
  private let pausedFlag = Atomic<Bool>(false)
  private let stopFlag = Atomic<Bool>(false)

  public init() {}

  /// Whether new orders are denied (`DenialReason.paused`); strategies still see market events,
  /// so their indicators stay warm, and resting orders still fill.
  public var isPaused: Bool { pausedFlag.load(ordering: .relaxed) }
  /// Whether the driver should stop at the next event.
  public var isStopRequested: Bool { stopFlag.load(ordering: .relaxed) }

  /// [any-thread] Denies new orders from now on.
  public func pause() { pausedFlag.store(true, ordering: .relaxed) }
  /// [any-thread] Accepts new orders again.
  public func resume() { pausedFlag.store(false, ordering: .relaxed) }
  /// [any-thread] Asks the driver to stop; idempotent.
  public func requestStop() { stopFlag.store(true, ordering: .relaxed) }
}
