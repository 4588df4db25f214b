import Kernel

extension SlotReport {
  /// The report as one JSON object, keys in a fixed order (the backtest report's `deployment`
  /// section and the control channel's `tradehost slots`). Deterministic for the same run.
  public var json: String {
    var out = JSONText()
    out.beginObject()
    out.string("name", name)
    out.string("role", role.rawValue)
    out.string("plugin", plugin)
    out.string("version", version)
    if let previousVersion { out.string("previous_version", previousVersion) }
    out.bool("retired", retired)
    out.string("trading_state", tradingState)
    out.decimal("equity", equity)
    out.double("pnl", scorecard.pnl)
    out.double("return", scorecard.returnFraction)
    out.double("sharpe", scorecard.sharpe)
    out.double("max_drawdown", scorecard.maxDrawdown)
    out.int("trades", scorecard.trades)
    out.int("winning_trades", scorecard.winningTrades)
    out.int("errors", scorecard.errors)
    out.int("periods", scorecard.periods)
    out.int("swaps", swaps)
    if let versus { out.string("versus", versus) }
    if let comparison {
      out.beginObject("comparison")
      out.int("pairs", comparison.pairs)
      out.double("mean_difference", comparison.meanDifference)
      out.double("p_value", comparison.pValue)
      out.double("confidence", comparison.confidence)
      out.endObject()
    }
    if let promotion { out.string("promotion", promotion) }
    if let lastOutcome { out.string("last_outcome", lastOutcome) }
    out.endObject()
    return out.text
  }
}
