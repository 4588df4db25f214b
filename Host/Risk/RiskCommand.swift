/// A manual control: what an operator, the kill trigger file, SIGUSR1 or the hardware button
/// asks of the risk wrapper.
public struct RiskCommand: Sendable, Equatable {
  /// The action.
  public enum Action: String, Sendable, CaseIterable {
    /// No new orders; resting orders stay.
    case pause
    /// Back to `active` (clears a latched state of the scope).
    case resume
    /// Only orders that reduce a position pass.
    case reduce
    /// Cancel every resting order, then flatten or freeze (the configured kill policy), and halt.
    case kill
    /// Lift a deployment freeze (the 7-day drawdown rule).
    case unfreeze
  }

  public var action: Action
  /// The slot's name, or `nil` for the whole account (or the instrument).
  public var slot: String?
  /// The instrument (`SYMBOL.VENUE`) when the command is for one instrument (every slot's
  /// orders in it); `nil` otherwise. A command names a slot or an instrument, not both.
  public var instrument: String?
  public var source: AuditSource
  /// Who asked, in words (`uid 1000`, `/run/tradehost/KILL`, `gpiochip0 line 17`).
  public var detail: String
  /// Completed by the kernel thread once the control was applied (whether its writes were
  /// saved); `nil`: nobody waits.
  public var receipt: CommandReceipt?

  public init(
    action: Action, slot: String? = nil, instrument: String? = nil, source: AuditSource,
    detail: String = "", receipt: CommandReceipt? = nil
  ) {
    self.receipt = receipt
    self.action = action
    self.slot = slot
    self.instrument = instrument
    self.source = source
    self.detail = detail
  }
}
