import Execution
import TradingModel
import Yams

/// The run config's `execution:` section: the simulator's assumptions (docs/backtesting.md).
extension BacktestPlan {
  static let executionKeys: Set<String> = [
    "fill", "fees", "slippage_ticks", "participation", "queue_position", "latency", "impact",
    "rate_limit", "self_trade", "seed",
  ]

  /// `execution:`; `fill: realistic` starts from `ExecutionConfiguration.realistic` and the
  /// other keys override it. Every problem is recorded in `reader`.
  static func readExecution(_ node: Node, _ reader: inout PlanReader) -> ExecutionConfiguration {
    let entries = reader.mapping(node, "execution", allowed: executionKeys)
    var execution = ExecutionConfiguration()
    if let fill = reader.string(entries["fill"], "execution.fill") {
      if fill == "realistic" {
        execution = .realistic
      } else if let timing = MarketFillTiming(rawValue: fill) {
        execution.marketFill = timing
      } else {
        reader.problem(
          entries["fill"], "execution.fill must be close, next-open or realistic, not '\(fill)'")
      }
    }
    if let fees = entries["fees"] { execution.fees = readFees(fees, &reader, base: execution.fees) }
    if let ticks = reader.integer(
      entries["slippage_ticks"], "execution.slippage_ticks", range: 0...1_000_000)
    {
      execution.slippageTicks = Int64(ticks)
    }
    if let participation = reader.fraction(entries["participation"], "execution.participation") {
      execution.participation = participation.map {
        BasisPoints(hundredths: max(1, Int64(($0 * 1_000_000).rounded())))
      }
    }
    if let queue = reader.bool(entries["queue_position"], "execution.queue_position") {
      execution.queuePosition = queue
    }
    if let latency = entries["latency"] {
      execution.latency = readLatency(latency, &reader, base: execution.latency)
    }
    if let impact = entries["impact"] { execution.impact = readImpact(impact, &reader) }
    if let limit = entries["rate_limit"] { execution.rateLimit = readRateLimit(limit, &reader) }
    if let text = reader.string(entries["self_trade"], "execution.self_trade") {
      if let mode = SelfTradePrevention(rawValue: text) {
        execution.selfTrade = mode
      } else {
        reader.problem(
          entries["self_trade"],
          "execution.self_trade must be cancel-resting, cancel-incoming or cancel-both, not '\(text)'"
        )
      }
    }
    if let seed = reader.integer(entries["seed"], "execution.seed", range: 0...Int.max) {
      execution.seed = UInt64(seed)
    }
    return execution
  }

  private static func readFees(
    _ node: Node, _ reader: inout PlanReader, base: FeeSchedule
  ) -> FeeSchedule {
    let entries = reader.mapping(
      node, "execution.fees", allowed: ["maker", "taker", "tiers", "tier_window"])
    var fees = base
    fees.maker = basisPoints(entries["maker"], "execution.fees.maker", &reader) ?? fees.maker
    fees.taker = basisPoints(entries["taker"], "execution.fees.taker", &reader) ?? fees.taker
    if let window = entries["tier_window"],
      let read = reader.duration(window, "execution.fees.tier_window")
    {
      // none: the whole run; otherwise whole days (a venue's rolling volume counts days).
      let day: Int64 = 86_400_000_000_000
      if let nanos = read {
        if nanos > 0, nanos % day == 0, nanos / day <= 3_650 {
          fees.windowDays = Int(nanos / day)
        } else {
          reader.problem(
            window,
            "execution.fees.tier_window must be whole days from 1d to 3650d (30d is usual), "
              + "or none for the whole run")
        }
      } else {
        fees.windowDays = 0
      }
    }
    if let tiers = entries["tiers"] {
      var read: [FeeSchedule.Tier] = []
      for (index, tier) in reader.sequence(tiers, "execution.fees.tiers").enumerated() {
        let what = "execution.fees.tiers[\(index)]"
        let fields = reader.mapping(tier, what, allowed: ["notional", "maker", "taker"])
        guard
          let notional = reader.integer(
            fields["notional"], "\(what).notional", range: 0...Int(Int64.max)),
          let maker = basisPoints(fields["maker"], "\(what).maker", &reader),
          let taker = basisPoints(fields["taker"], "\(what).taker", &reader)
        else {
          if fields["notional"] == nil || fields["maker"] == nil || fields["taker"] == nil {
            reader.problem(tier, "\(what) needs notional, maker and taker")
          }
          continue
        }
        read.append(FeeSchedule.Tier(notional: Int64(notional), maker: maker, taker: taker))
      }
      fees = FeeSchedule(
        maker: fees.maker, taker: fees.taker, tiers: read, windowDays: fees.windowDays)
    }
    return fees
  }

  private static func basisPoints(_ node: Node?, _ what: String, _ reader: inout PlanReader)
    -> BasisPoints?
  {
    guard let text = reader.string(node, what) else { return nil }
    guard let rate = BasisPoints(text) else {
      reader.problem(node, "\(what) must be basis points with at most 2 decimals, not '\(text)'")
      return nil
    }
    return rate
  }

  private static func readLatency(
    _ node: Node, _ reader: inout PlanReader, base: LatencyModel
  ) -> LatencyModel {
    let entries = reader.mapping(
      node, "execution.latency", allowed: ["entry", "jitter", "market_data"])
    var latency = base
    for (key, path) in [
      ("entry", \LatencyModel.entry), ("jitter", \LatencyModel.jitter),
      ("market_data", \LatencyModel.marketData),
    ] {
      if let nanos = reader.duration(entries[key], "execution.latency.\(key)") {
        latency[keyPath: path] = nanos ?? 0
      }
    }
    return latency
  }

  private static func readImpact(_ node: Node, _ reader: inout PlanReader) -> ImpactModel? {
    if case .scalar(let scalar) = node, scalar.string == "none" || scalar.string == "off" {
      return nil
    }
    let entries = reader.mapping(node, "execution.impact", allowed: ["k", "sigma", "adv"])
    let k = positive(entries["k"], "execution.impact.k", &reader)
    let sigma = reader.fraction(entries["sigma"], "execution.impact.sigma") ?? nil
    var adv: Double?
    if let text = reader.string(entries["adv"], "execution.impact.adv"), text != "auto" {
      adv = positive(entries["adv"], "execution.impact.adv", &reader)
    }
    guard let k, let sigma else {
      if entries["k"] == nil || entries["sigma"] == nil {
        reader.problem(node, "execution.impact needs k and sigma (adv is optional: auto)")
      }
      return nil
    }
    return ImpactModel(k: k, sigma: sigma, adv: adv)
  }

  private static func positive(_ node: Node?, _ what: String, _ reader: inout PlanReader)
    -> Double?
  {
    guard let text = reader.string(node, what) else { return nil }
    guard let value = Double(text), value.isFinite, value > 0 else {
      reader.problem(node, "\(what) must be a positive number, not '\(text)'")
      return nil
    }
    return value
  }

  private static func readRateLimit(_ node: Node, _ reader: inout PlanReader) -> OrderRateLimit?
  {
    if case .scalar(let scalar) = node, scalar.string == "none" || scalar.string == "off" {
      return nil
    }
    let entries = reader.mapping(node, "execution.rate_limit", allowed: ["orders", "window"])
    let orders = reader.integer(entries["orders"], "execution.rate_limit.orders", range: 1...100_000)
    let window = reader.duration(entries["window"], "execution.rate_limit.window") ?? nil
    guard let orders, let window, window > 0 else {
      if entries["orders"] == nil || entries["window"] == nil {
        reader.problem(node, "execution.rate_limit needs orders and window (like 1s)")
      }
      return nil
    }
    return OrderRateLimit(orders: orders, window: window)
  }
}
