import Deployment
import Kernel
import SlotAnalytics
import Yams

/// The run config's deployment keys: a slot's `role`, `share`, `versus`, `promote` and
/// `rollback`, and the top-level `deployment` section. Format: `docs/slots.md`.
extension BacktestPlan {
  /// `deployment: {stats_interval: 1h, check_interval: 1m, max_canary_share: 10%,
  /// on_change: {ema-cross: canary}}`.
  static func readDeployment(
    _ node: Node, _ reader: inout PlanReader, into plan: inout BacktestPlan
  ) {
    let entries = reader.mapping(
      node, "deployment",
      allowed: ["stats_interval", "check_interval", "max_canary_share", "on_change", "keep_versions"])
    if let keep = reader.integer(entries["keep_versions"], "deployment.keep_versions", range: 0...64)
    {
      plan.keepVersions = keep
    }
    if let onChange = entries["on_change"] { readOnChange(onChange, &reader, into: &plan) }
    if let nanos = positiveDuration(entries["stats_interval"], "deployment.stats_interval", &reader)
    {
      plan.statsInterval = nanos
    }
    if let nanos = positiveDuration(entries["check_interval"], "deployment.check_interval", &reader)
    {
      plan.checkInterval = nanos
    }
    if case .some(.some(let share)) = reader.fraction(
      entries["max_canary_share"], "deployment.max_canary_share")
    {
      plan.maxCanaryShare = share
    }
  }

  /// `on_change: {STRATEGY_ID: canary | shadow | production | ignore}`.
  private static func readOnChange(
    _ node: Node, _ reader: inout PlanReader, into plan: inout BacktestPlan
  ) {
    guard case .mapping(let mapping) = node else {
      reader.problem(node, "deployment.on_change must be a mapping of strategy ids")
      return
    }
    for (id, _, value) in reader.named(mapping, "deployment.on_change") {
      guard let text = reader.string(value, "deployment.on_change.\(id)") else { continue }
      if let target = ChangeTarget(rawValue: text) {
        plan.onChange[id] = target
      } else {
        reader.problem(
          value,
          "deployment.on_change.\(id) must be canary, shadow, production or ignore, not '\(text)'")
      }
    }
  }

  /// A slot's deployment keys.
  static func readDeployment(
    of slot: inout SlotPlan, _ entries: [String: Node], _ reader: inout PlanReader
  ) {
    if let text = reader.string(entries["role"], "slot.role") {
      if let role = SlotRole(rawValue: text) {
        slot.role = role
      } else {
        reader.problem(
          entries["role"],
          "slot '\(slot.name)': role must be production, canary, shadow or ab, not '\(text)'")
      }
    }
    slot.share = reader.fraction(entries["share"], "slot.share") ?? slot.share
    if slot.share != nil, entries["capital"] != nil {
      reader.problem(entries["share"], "slot '\(slot.name)': give capital or share, not both")
    }
    slot.rules.versus = reader.string(entries["versus"], "slot.versus")
    if let node = entries["promote"] {
      slot.rules.promote = readPromotion(node, &reader, slot: slot.name)
    }
    if let node = entries["rollback"] {
      slot.rules.rollback = readRollback(node, &reader, slot: slot.name)
    }
  }

  private static func readPromotion(_ node: Node, _ reader: inout PlanReader, slot: String)
    -> PromotionRule?
  {
    let what = "slot '\(slot)' promote"
    let entries = reader.mapping(
      node, what,
      allowed: [
        "min_trades", "min_days", "sharpe_margin", "max_drawdown", "max_errors", "min_confidence",
      ])
    var rule = PromotionRule()
    rule.minTrades = reader.integer(
      entries["min_trades"], "\(what).min_trades", range: 0...1_000_000)
    rule.minDays = number(entries["min_days"], "\(what).min_days", &reader, range: 0...3650)
    rule.sharpeMargin =
      number(entries["sharpe_margin"], "\(what).sharpe_margin", &reader, range: 0...100)
      ?? rule.sharpeMargin
    rule.maxDrawdown =
      reader.fraction(entries["max_drawdown"], "\(what).max_drawdown") ?? rule.maxDrawdown
    rule.maxErrors =
      reader.integer(entries["max_errors"], "\(what).max_errors", range: 0...1_000_000)
      ?? rule.maxErrors
    rule.minConfidence =
      reader.fraction(entries["min_confidence"], "\(what).min_confidence") ?? rule.minConfidence
    return check(rule.validate, node, &reader, what) ? rule : nil
  }

  private static func readRollback(_ node: Node, _ reader: inout PlanReader, slot: String)
    -> RollbackRule?
  {
    let what = "slot '\(slot)' rollback"
    let entries = reader.mapping(
      node, what,
      allowed: ["max_drawdown", "max_errors", "on_limit_breach", "on_breaker_trip", "expect"])
    var rule = RollbackRule()
    rule.maxDrawdown =
      reader.fraction(entries["max_drawdown"], "\(what).max_drawdown") ?? rule.maxDrawdown
    rule.maxErrors =
      reader.integer(entries["max_errors"], "\(what).max_errors", range: 0...1_000_000)
      ?? rule.maxErrors
    rule.onLimitBreach =
      reader.bool(entries["on_limit_breach"], "\(what).on_limit_breach") ?? rule.onLimitBreach
    rule.onBreakerTrip =
      reader.bool(entries["on_breaker_trip"], "\(what).on_breaker_trip") ?? rule.onBreakerTrip
    if let expect = entries["expect"] {
      let fields = reader.mapping(
        expect, "\(what).expect", allowed: ["sharpe", "tolerance", "min_periods", "two_sided"])
      let sharpe = number(fields["sharpe"], "\(what).expect.sharpe", &reader, range: -100...100)
      let tolerance = number(
        fields["tolerance"], "\(what).expect.tolerance", &reader, range: 0...100)
      let periods = reader.integer(
        fields["min_periods"], "\(what).expect.min_periods", range: 2...1_000_000)
      if let sharpe, let tolerance {
        rule.expectation = RollbackRule.Expectation(
          sharpe: sharpe, tolerance: tolerance, minPeriods: periods ?? 30,
          twoSided: reader.bool(fields["two_sided"], "\(what).expect.two_sided") ?? false)
      } else {
        reader.problem(expect, "\(what).expect needs sharpe and tolerance")
      }
    }
    return check(rule.validate, node, &reader, what) ? rule : nil
  }

  /// A duration above 0 (`none` and `0` are refused: a period cannot be empty).
  private static func positiveDuration(
    _ node: Node?, _ what: String, _ reader: inout PlanReader
  ) -> Int64? {
    guard case .some(let parsed) = reader.duration(node, what) else { return nil }
    guard let nanos = parsed, nanos > 0 else {
      reader.problem(node, "\(what) must be a duration above 0, like 5m or 1h")
      return nil
    }
    return nanos
  }

  /// A finite number in `range`.
  private static func number(
    _ node: Node?, _ what: String, _ reader: inout PlanReader, range: ClosedRange<Double>
  ) -> Double? {
    guard let node, let text = reader.string(node, what) else { return nil }
    guard let value = Double(text), value.isFinite, range.contains(value) else {
      reader.problem(
        node,
        "\(what) must be a number from \(range.lowerBound) to \(range.upperBound), not '\(text)'")
      return nil
    }
    return value
  }

  /// Runs a rule's own validation; its problems are reported at the rule's node.
  private static func check(
    _ validate: () throws(AnalyticsConfigurationError) -> Void, _ node: Node,
    _ reader: inout PlanReader, _ what: String
  ) -> Bool {
    do throws(AnalyticsConfigurationError) {
      try validate()
      return true
    } catch {
      for problem in error.problems { reader.problem(node, "\(what): \(problem)") }
      return false
    }
  }
}
