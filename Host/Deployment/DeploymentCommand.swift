import Kernel

/// An operator's or a watcher's request to change the slots of a running host. Plain data;
/// queued on any thread (`DeploymentDesk.submit`), carried out on the kernel thread.
public struct DeploymentCommand: Sendable, Equatable {
  /// What to do.
  public enum Action: Sendable, Equatable {
    /// Load the newest version of a strategy plugin (by manifest id) into every slot running
    /// it, or into `slot` only.
    case reload(plugin: String, slot: String?)
    /// Give the slot's version to its production slot (by hand: no rule, but never during a
    /// deployment freeze).
    case promote(slot: String)
    /// Undo the slot's latest version: back to the version it replaced, or, for a canary,
    /// shadow or A/B slot that never changed, take the slot out of trading.
    case rollback(slot: String)
    /// Change an on-book slot's role.
    case role(slot: String, role: SlotRole)
  }

  /// Who asked.
  public enum Source: String, Sendable, Equatable {
    /// An operator, over the control channel.
    case `operator`
    /// The plugin folder watcher (a manifest or library changed).
    case watcher
    /// A program driving the host in-process (tests, the backtest driver).
    case host
    /// A slot's promotion or rollback rule.
    case rule
  }

  public var action: Action
  public var source: Source

  public init(_ action: Action, source: Source) {
    self.action = action
    self.source = source
  }
}
