import CTradeHostPlugin

/// What plugin instances reach through the host table: the clock, instruments, the order path,
/// positions, logs and venue events. The kernel implements it for backtest, paper and live;
/// `HostTestKit.RecordingEnvironment` implements it for tests.
///
/// Implementation requirements:
/// - `now`, `instrument`, `log` and `venueEvent` may be called from any thread, concurrently
///   (exchange adapters emit from their own threads): they must be thread-safe and must not block
///   for long.
/// - `submit`, `cancel`, `amend` and `position` are called on the kernel thread from inside a strategy
///   callback, on the path from a market event to an order decision: they must not block and
///   should not allocate. `submit` may deliver order events to the strategy before it returns
///   (a risk denial, a simulated fill) through `StrategyInstance.deliver`.
public protocol PluginEnvironment: AnyObject {
  /// The clock's time in ns since the epoch.
  func now() -> Int64
  /// Instrument metadata by symbol or `SYMBOL.VENUE`.
  func instrument(_ symbol: String) -> th_instrument_info?
  /// A plugin's log line.
  func log(from context: InstanceContext, level: Int32, message: String)
  /// An order intent from a strategy instance; writes the assigned client order id.
  func submit(_ intent: th_order_intent, from context: InstanceContext, orderID: inout UInt64)
    -> th_status
  /// A cancel request from a strategy instance.
  func cancel(_ clientOrderID: UInt64, from context: InstanceContext) -> th_status
  /// An amend request from a strategy instance (ABI 1.5 `amend_order`; NaN leaves a value
  /// unchanged). Default: `TH_ERR_UNSUPPORTED` (environments without an order path).
  func amend(
    _ clientOrderID: UInt64, quantity: Double, limitPrice: Double, stopPrice: Double,
    from context: InstanceContext
  ) -> th_status
  /// The instance's position in an instrument.
  func position(_ instrumentID: UInt32, for context: InstanceContext) -> th_position
  /// An event from an exchange adapter instance (copy what you keep: pointers die on return).
  func venueEvent(_ event: th_venue_event, from context: InstanceContext) -> th_status
}

extension PluginEnvironment {
  public func amend(
    _ clientOrderID: UInt64, quantity: Double, limitPrice: Double, stopPrice: Double,
    from context: InstanceContext
  ) -> th_status {
    th_status(TH_ERR_UNSUPPORTED)
  }
}
