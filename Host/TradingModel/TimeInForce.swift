/// How long an order stays working. A plain value, usable from any thread.
public enum TimeInForce: UInt8, Sendable {
  /// Good till canceled.
  case gtc
  /// Immediate or cancel: fill what can be filled now, cancel the rest.
  case ioc
  /// Fill or kill: fill the whole quantity now, or nothing.
  case fok
  /// Expires at the end of the trading day.
  case day
}
