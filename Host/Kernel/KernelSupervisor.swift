import TradingModel

/// Manages a kernel's slots between events: applies hot reloads, promotions and rollbacks, and
/// keeps the per-version statistics the rules judge. Installed as `Kernel.supervisor`.
///
/// Every method is called on the kernel thread, between two events (never inside a strategy
/// callback), and must not block: work that may block (loading a library) happens on another
/// thread beforehand. `service` and `due` may allocate (they are not per event); `didFill`
/// runs per fill and should not.
public protocol KernelSupervisor: AnyObject {
  /// Another thread asked for service (`KernelControl.requestService`): a prepared version is
  /// waiting, or an operator command. Called before the next event, and from `Kernel.idle`.
  func service(_ kernel: Kernel)
  /// An event at or after `Kernel.supervisorDue` was processed (statistics samples, rules);
  /// `now` is its time. The supervisor sets the next due time.
  func due(_ kernel: Kernel, now: Int64)
  /// A fill was applied to `fill.slot`'s sub-ledger.
  func didFill(_ fill: Fill, change: PositionChange)
}
