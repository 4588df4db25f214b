import MarketCalendars
import Risk
import RiskHealth
import RiskSizing
import TradingModel
import Yams

/// The parts of the `risk:` section beyond limits: the trading day, calendars, runaway bounds,
/// breaker policies, and per-slot sizing and exits.
extension BacktestPlan {
  static func readGuards(
    _ entries: [String: Node], _ reader: inout PlanReader, into risk: inout RiskConfiguration,
    baseDirectory: String
  ) {
    if let node = entries["daily_reset"] {
      let reset = reader.mapping(node, "risk.daily_reset", allowed: ["time", "zone"])
      do throws(CalendarError) {
        risk.dailyReset = try DailySchedule(
          resetAt: reader.string(reset["time"], "risk.daily_reset.time") ?? "00:00",
          zone: reader.string(reset["zone"], "risk.daily_reset.zone") ?? "UTC")
      } catch {
        reader.problem(node, "risk.daily_reset: \(error)")
      }
    }
    if let path = reader.string(entries["trading_calendar"], "risk.trading_calendar") {
      do throws(CalendarError) {
        risk.tradingCalendar = try TradingCalendar.load(path: resolve(path, against: baseDirectory))
      } catch {
        reader.problem(entries["trading_calendar"], "risk.trading_calendar: \(error)")
      }
    }
    if let node = entries["event_calendar"] {
      let calendar = reader.mapping(
        node, "risk.event_calendar", allowed: ["path", "before", "after"])
      let before = reader.duration(calendar["before"], "risk.event_calendar.before") ?? nil
      let after = reader.duration(calendar["after"], "risk.event_calendar.after") ?? nil
      if let path = reader.string(calendar["path"], "risk.event_calendar.path") {
        do throws(CalendarError) {
          risk.eventCalendar = try EventCalendar.load(
            path: resolve(path, against: baseDirectory), defaultBefore: before, defaultAfter: after)
        } catch {
          reader.problem(node, "risk.event_calendar: \(error)")
        }
      } else {
        reader.problem(node, "risk.event_calendar needs 'path' (a CSV file of events)")
      }
    }
    if let node = entries["runaway"] {
      readRunaway(node, &reader, into: &risk.runaway)
    }
    if let node = entries["breakers"] {
      let breakers = reader.mapping(
        node, "risk.breakers",
        allowed: ["plugin", "venue_errors", "venue_latency", "latency_bound"])
      for (key, path) in [
        ("plugin", \RiskConfiguration.pluginBreaker),
        ("venue_errors", \RiskConfiguration.venueErrorBreaker),
        ("venue_latency", \RiskConfiguration.venueLatencyBreaker),
      ] {
        if let policy = breakers[key] {
          readBreaker(policy, &reader, into: &risk[keyPath: path], what: "risk.breakers.\(key)")
        }
      }
      if let bound = reader.duration(breakers["latency_bound"], "risk.breakers.latency_bound"),
        let bound
      {
        risk.venueLatencyBoundNanos = bound
      }
    }
    if let named = entries["slot"] {
      for (name, value) in namedEntries(named, &reader, "risk.slot") {
        guard case .mapping(let mapping) = value else { continue }
        for (field, _, node) in reader.named(mapping, "risk.slot.\(name)") {
          switch field {
          case "sizing":
            risk.sizing[name] = readSizing(node, &reader, what: "risk.slot.\(name).sizing")
          case "exits":
            risk.exits[name] = readExits(node, &reader, what: "risk.slot.\(name).exits")
          default: continue
          }
        }
      }
    }
  }

  private static func readRunaway(
    _ node: Node, _ reader: inout PlanReader, into limits: inout RunawayLimits
  ) {
    let entries = reader.mapping(
      node, "risk.runaway",
      allowed: [
        "max_orders_per_minute", "max_order_notional_per_minute", "max_fills_per_minute",
        "max_fill_notional_per_minute", "max_identical_orders", "identical_window",
      ])
    let what = "risk.runaway"
    if let value = reader.limit(
      entries["max_orders_per_minute"], "\(what).max_orders_per_minute", range: 1...1_000_000)
    {
      limits.maxOrdersPerMinute = value
    }
    if let value = reader.limit(
      entries["max_fills_per_minute"], "\(what).max_fills_per_minute", range: 1...1_000_000)
    {
      limits.maxFillsPerMinute = value
    }
    if let value = reader.limit(
      entries["max_identical_orders"], "\(what).max_identical_orders", range: 2...1_000_000)
    {
      limits.maxIdenticalOrders = value
    }
    if let value = reader.limit(
      entries["max_order_notional_per_minute"], "\(what).max_order_notional_per_minute",
      range: 1...Int.max)
    {
      limits.maxOrderNotionalPerMinute = value.map { Int64($0) }
    }
    if let value = reader.limit(
      entries["max_fill_notional_per_minute"], "\(what).max_fill_notional_per_minute",
      range: 1...Int.max)
    {
      limits.maxFillNotionalPerMinute = value.map { Int64($0) }
    }
    if let value = reader.duration(entries["identical_window"], "\(what).identical_window"),
      let value
    {
      limits.identicalWindowNanos = value
    }
    for problem in limits.problems { reader.problem(node, "\(what): \(problem)") }
  }

  private static func readBreaker(
    _ node: Node, _ reader: inout PlanReader, into policy: inout CircuitBreaker.Policy, what: String
  ) {
    let entries = reader.mapping(
      node, what,
      allowed: [
        "window", "buckets", "minimum_samples", "trip_ratio", "cooldown", "probes", "max_cooldown",
      ])
    if let value = reader.duration(entries["window"], "\(what).window"), let value {
      policy.windowNanos = value
    }
    if let value = reader.integer(entries["buckets"], "\(what).buckets", range: 1...3600) {
      policy.windowBuckets = value
    }
    if let value = reader.integer(
      entries["minimum_samples"], "\(what).minimum_samples", range: 1...1_000_000)
    {
      policy.minimumSamples = value
    }
    if let value = reader.fraction(entries["trip_ratio"], "\(what).trip_ratio"), let value {
      policy.tripRatio = value
    }
    if let value = reader.duration(entries["cooldown"], "\(what).cooldown"), let value {
      policy.cooldownNanos = value
    }
    if let value = reader.integer(entries["probes"], "\(what).probes", range: 1...1_000_000) {
      policy.probeSuccesses = value
    }
    if let value = reader.duration(entries["max_cooldown"], "\(what).max_cooldown"), let value {
      policy.maxCooldownNanos = value
    }
    for problem in policy.problems { reader.problem(node, "\(what): \(problem)") }
  }

  private static func readSizing(_ node: Node, _ reader: inout PlanReader, what: String)
    -> SlotSizing?
  {
    let entries = reader.mapping(
      node, what,
      allowed: [
        "rule", "quantity", "fraction", "atr_multiple", "cap", "target", "win_probability",
        "payoff_ratio", "volatility_window", "periods_per_year",
      ])
    let rule: SizingRule
    switch reader.string(entries["rule"], "\(what).rule") {
    case "fixed":
      guard let quantity = reader.quantity(entries["quantity"], "\(what).quantity") ?? nil else {
        reader.problem(node, "\(what): a fixed rule needs 'quantity'")
        return nil
      }
      rule = .fixed(quantity)
    case "risk":
      guard let fraction = reader.fraction(entries["fraction"], "\(what).fraction") ?? nil,
        let multiple = reader.fraction(
          entries["atr_multiple"], "\(what).atr_multiple", range: 0...100) ?? nil
      else {
        reader.problem(node, "\(what): a risk rule needs 'fraction' and 'atr_multiple'")
        return nil
      }
      rule = .percentOfEquityAtRisk(fraction: fraction, atrMultiple: multiple)
    case "kelly":
      guard let fraction = reader.fraction(entries["fraction"], "\(what).fraction") ?? nil else {
        reader.problem(node, "\(what): a kelly rule needs 'fraction'")
        return nil
      }
      let cap =
        (reader.fraction(entries["cap"], "\(what).cap", range: 0...SizingRule.maximumKellyCap)
          ?? nil)
        ?? SizingRule.maximumKellyCap
      rule = .fractionalKelly(fraction: fraction, cap: cap)
    case "volatility":
      guard let target = reader.fraction(entries["target"], "\(what).target", range: 0...10) ?? nil
      else {
        reader.problem(node, "\(what): a volatility rule needs 'target' (annual volatility)")
        return nil
      }
      rule = .volatilityTarget(annualTarget: target)
    case let other?:
      reader.problem(
        entries["rule"], "\(what).rule must be fixed, risk, kelly or volatility, not '\(other)'")
      return nil
    case nil:
      reader.problem(node, "\(what) needs 'rule' (fixed, risk, kelly or volatility)")
      return nil
    }
    var sizing = SlotSizing(rule: rule)
    sizing.winProbability =
      reader.fraction(entries["win_probability"], "\(what).win_probability") ?? nil
    sizing.payoffRatio =
      reader.fraction(entries["payoff_ratio"], "\(what).payoff_ratio", range: 0...1000) ?? nil
    if let window = reader.integer(
      entries["volatility_window"], "\(what).volatility_window", range: 2...100_000)
    {
      sizing.volatilityWindow = window
    }
    if let periods = reader.integer(
      entries["periods_per_year"], "\(what).periods_per_year", range: 1...100_000_000)
    {
      sizing.periodsPerYear = Double(periods)
    }
    return sizing
  }

  private static func readExits(_ node: Node, _ reader: inout PlanReader, what: String)
    -> ExitRules?
  {
    let entries = reader.mapping(
      node, what,
      allowed: [
        "stop_atr", "trailing_atr", "trailing_fraction", "take_profit", "break_even", "max_holding",
      ])
    var rules = ExitRules()
    if let multiple = reader.fraction(entries["stop_atr"], "\(what).stop_atr", range: 0...100)
      ?? nil
    {
      rules.stopLoss = StopLossRule(atrMultiple: multiple)
    }
    if let multiple = reader.fraction(
      entries["trailing_atr"], "\(what).trailing_atr", range: 0...100) ?? nil
    {
      rules.trailingStop = .atrMultiple(multiple)
    }
    if let fraction = reader.fraction(entries["trailing_fraction"], "\(what).trailing_fraction")
      ?? nil
    {
      if rules.trailingStop != nil {
        reader.problem(
          entries["trailing_fraction"], "\(what): give trailing_atr or trailing_fraction, not both")
      }
      rules.trailingStop = .fraction(fraction)
    }
    if let ladder = reader.bool(entries["take_profit"], "\(what).take_profit"), ladder {
      rules.takeProfit = TakeProfitLadder(
        moveStopToBreakEven: reader.bool(entries["break_even"], "\(what).break_even") ?? true)
    }
    if let holding = reader.duration(entries["max_holding"], "\(what).max_holding") ?? nil {
      rules.maxHoldingNanos = holding
    }
    for problem in rules.problems { reader.problem(node, "\(what): \(problem)") }
    return rules
  }
}
