/// What the account's trading state becomes when an audit record or the risk state file cannot
/// be written (a full or failing disk): trading must not go on without its record. Latched like
/// any limit, until an explicit resume (which itself needs the writes to work again).
public enum WriteFailurePolicy: String, Sendable, CaseIterable {
  /// No new orders; resting orders are cancelled (the default).
  case halted
  /// Only orders that reduce a position pass.
  case reducing

  /// The trading state the account latches to.
  public var state: TradingState { self == .halted ? .halted : .reducing }
}
