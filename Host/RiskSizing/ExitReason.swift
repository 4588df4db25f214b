/// Why the exit tracker asks to close (part of) a position.
public enum ExitReason: Hashable, Sendable, CustomStringConvertible {
  /// The initial ATR stop (or that stop moved to break-even) was reached.
  case stopLoss
  /// The trailing stop was reached (it was tighter than the initial stop).
  case trailingStop
  /// Take-profit targets up to and including this rung (0-based) were reached.
  case takeProfit(rung: Int)
  /// The trade has been open for the maximum holding time.
  case timeExit

  public var description: String {
    switch self {
    case .stopLoss: "stop_loss"
    case .trailingStop: "trailing_stop"
    case .takeProfit(let rung): "take_profit_\(rung)"
    case .timeExit: "time_exit"
    }
  }
}
