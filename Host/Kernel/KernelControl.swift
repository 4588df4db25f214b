import Synchronization

/// The part of a kernel other threads may touch: a stop request, read by the kernel thread
/// between events (a relaxed atomic; it takes effect at the next event). Pausing and the other
/// manual controls belong to the risk wrapper (`RiskCommandQueue`), which audits them.
public final class KernelControl: Sendable {
  private let stopFlag = Atomic<Bool>(false)

  public init() {}

  /// Whether the driver should stop at the next event.
  public var isStopRequested: Bool { stopFlag.load(ordering: .relaxed) }

  /// [any-thread] Asks the driver to stop; idempotent.
  public func requestStop() { stopFlag.store(true, ordering: .relaxed) }
}
