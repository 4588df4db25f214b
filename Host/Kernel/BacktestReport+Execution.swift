import Execution
import TradingModel

extension BacktestReport {
  /// The simulator's models in the JSON report's `execution` object (keys sorted by the caller's
  /// order: impact, latency_ns, participation_bp, queue_position, rate_limit, self_trade).
  func writeExecutionModels(_ out: inout JSONText) {
    if let impact = execution.impact {
      out.beginObject("impact")
      if let adv = impact.adv { out.double("adv", adv) } else { out.string("adv", "auto") }
      out.double("k", impact.k)
      out.double("sigma", impact.sigma)
      out.endObject()
    } else {
      out.raw("impact", "null")
    }
    out.beginObject("latency_ns")
    out.int("entry", Int(execution.latency.entry))
    out.int("jitter", Int(execution.latency.jitter))
    out.int("market_data", Int(execution.latency.marketData))
    out.endObject()
    if let cap = execution.participation {
      out.string("participation_bp", FixedPoint.format(cap.hundredths, precision: 2))
    } else {
      out.raw("participation_bp", "null")
    }
    out.bool("queue_position", execution.queuePosition)
    if let limit = execution.rateLimit {
      out.beginObject("rate_limit")
      out.int("orders", limit.orders)
      out.int("window_ns", Int(limit.window))
      out.endObject()
    } else {
      out.raw("rate_limit", "null")
    }
    out.string("self_trade", execution.selfTrade.rawValue)
  }

  /// The summary's description of the simulator's assumptions.
  var executionSummary: String {
    var parts = [
      "market orders fill at \(execution.marketFill == .close ? "the signal bar's close" : "the next event")",
      "fees maker \(execution.fees.maker) / taker \(execution.fees.taker)"
        + (execution.fees.tiers.isEmpty
          ? ""
          : " (\(execution.fees.tiers.count) volume tiers on "
            + (execution.fees.windowDays == 0
              ? "the run's volume)" : "a rolling \(execution.fees.windowDays)-day volume)")),
      "slippage \(execution.slippageTicks) ticks",
    ]
    if let cap = execution.participation {
      var percent = FixedPoint.format(cap.hundredths, precision: 4)
      while percent.hasSuffix("0") { percent.removeLast() }
      if percent.hasSuffix(".") { percent.removeLast() }
      parts.append("volume cap \(percent)% of each event")
    }
    if execution.queuePosition { parts.append("queue position") }
    let latency = execution.latency
    if !latency.isZero {
      parts.append(
        "latency \(Double(latency.entry) / 1e6) ms + up to \(Double(latency.jitter) / 1e6) ms, market data \(Double(latency.marketData) / 1e6) ms"
      )
    }
    if let impact = execution.impact {
      parts.append(
        "impact k \(impact.k) sigma \(impact.sigma) adv \(impact.adv.map { "\($0)" } ?? "auto")")
    }
    if let limit = execution.rateLimit {
      parts.append("at most \(limit.orders) orders per \(Double(limit.window) / 1e9) s")
    }
    return parts.joined(separator: "; ")
  }
}
