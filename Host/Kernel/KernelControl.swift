import Synchronization

/// The part of a kernel other threads may touch: a stop request and a request for the slot
/// supervisor, read by the kernel thread between events (atomics; they take effect at the next
/// event). Pausing and the other
/// manual controls belong to the risk wrapper (`RiskCommandQueue`), which audits them.
public final class KernelControl: Sendable {
  private let stopFlag = Atomic<Bool>(false)
  private let serviceFlag = Atomic<Bool>(false)

  public init() {}

  /// Whether the driver should stop at the next event.
  public var isStopRequested: Bool { stopFlag.load(ordering: .relaxed) }

  /// [any-thread] Asks the driver to stop; idempotent.
  public func requestStop() { stopFlag.store(true, ordering: .relaxed) }

  /// Whether the kernel's supervisor has work waiting (checked before every event).
  @inline(__always)
  public var isServiceRequested: Bool { serviceFlag.load(ordering: .acquiring) }

  /// [any-thread] Asks the kernel thread to call its supervisor's `service` before the next
  /// event (or at the next idle tick); publish the work before calling this.
  public func requestService() { serviceFlag.store(true, ordering: .releasing) }

  /// [kernel-thread] Clears the request before the supervisor runs, so a request made while it
  /// runs is kept for the next event.
  func takeServiceRequest() -> Bool {
    serviceFlag.exchange(false, ordering: .acquiringAndReleasing)
  }
}
