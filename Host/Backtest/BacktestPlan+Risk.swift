import Foundation
import Risk
import TradingModel
import Yams

/// The `risk:` section of a run config (format: docs/risk.md). Starts from the design's
/// defaults (or `preset: unlimited`), then applies the keys given; `none` or `off` turns a
/// limit off. Every problem is reported with its line and column.
extension BacktestPlan {
  /// Reads a risk file: the keys of a run config's `risk:` section at the top level (relative
  /// calendar paths resolve against the file's folder).
  public static func loadRisk(path: String, currency: Currency) throws(PlanError)
    -> RiskConfiguration
  {
    guard let data = FileManager.default.contents(atPath: path),
      let text = String(data: data, encoding: .utf8)
    else {
      throw PlanError([.init(file: path, message: "cannot read the risk file")])
    }
    let root: Node
    do {
      guard let node = try Yams.compose(yaml: text) else {
        throw PlanError([.init(file: path, message: "the risk file is empty")])
      }
      root = node
    } catch let error as PlanError {
      throw error
    } catch {
      throw PlanError([.init(file: path, message: "not valid YAML: \(error)")])
    }
    var reader = PlanReader(file: path)
    let folder = (path as NSString).deletingLastPathComponent
    let risk = readRisk(
      root, &reader, currency: currency, baseDirectory: folder.isEmpty ? "." : folder)
    guard reader.problems.isEmpty else { throw PlanError(reader.problems) }
    return risk
  }

  static func readRisk(
    _ node: Node, _ reader: inout PlanReader, currency: Currency, baseDirectory: String
  ) -> RiskConfiguration {
    let entries = reader.mapping(
      node, "risk",
      allowed: [
        "preset", "kill", "account", "slots", "slot", "instruments", "instrument",
        "venue_max_orders_per_second", "daily_reset", "trading_calendar", "event_calendar",
        "runaway", "breakers",
      ])
    var risk = RiskConfiguration()
    if let preset = reader.string(entries["preset"], "risk.preset") {
      switch preset {
      case "default": break
      case "unlimited": risk = .unlimited
      default:
        reader.problem(
          entries["preset"], "risk.preset must be default or unlimited, not '\(preset)'")
      }
    }
    if let kill = reader.string(entries["kill"], "risk.kill") {
      if let policy = KillPolicy(rawValue: kill) {
        risk.killPolicy = policy
      } else {
        reader.problem(entries["kill"], "risk.kill must be flatten or freeze, not '\(kill)'")
      }
    }
    if let value = reader.limit(
      entries["venue_max_orders_per_second"], "risk.venue_max_orders_per_second",
      range: 1...1_000_000)
    {
      risk.venueMaxOrdersPerSecond = value
    }
    if let account = entries["account"] {
      readAccountLimits(account, &reader, into: &risk.account, currency: currency)
    }
    if let slots = entries["slots"] {
      readSlotLimits(
        slots, &reader, into: &risk.slotDefaults, what: "risk.slots", currency: currency)
    }
    if let named = entries["slot"] {
      for (name, value) in namedEntries(named, &reader, "risk.slot") {
        var limits = risk.slotDefaults
        readSlotLimits(value, &reader, into: &limits, what: "risk.slot.\(name)", currency: currency)
        risk.slots[name] = limits
      }
    }
    if let instruments = entries["instruments"] {
      readInstrumentLimits(
        instruments, &reader, into: &risk.instrumentDefaults, what: "risk.instruments",
        currency: currency)
    }
    if let named = entries["instrument"] {
      for (name, value) in namedEntries(named, &reader, "risk.instrument") {
        var limits = risk.instrumentDefaults
        readInstrumentLimits(
          value, &reader, into: &limits, what: "risk.instrument.\(name)", currency: currency)
        risk.instruments[name] = limits
      }
    }
    readGuards(entries, &reader, into: &risk, baseDirectory: baseDirectory)
    return risk
  }

  /// A mapping of names to nodes, in file order.
  static func namedEntries(_ node: Node, _ reader: inout PlanReader, _ what: String) -> [(
    String, Node
  )] {
    guard case .mapping(let mapping) = node else {
      reader.problem(node, "\(what) must be a mapping of names to limits")
      return []
    }
    return mapping.compactMap { key, value in
      reader.string(key, "\(what) name").map { ($0, value) }
    }
  }

  private static func readAccountLimits(
    _ node: Node, _ reader: inout PlanReader, into limits: inout AccountLimits, currency: Currency
  ) {
    let entries = reader.mapping(
      node, "risk.account",
      allowed: [
        "max_gross_exposure", "max_net_exposure", "max_leverage", "max_symbol_concentration",
        "max_venue_concentration", "max_daily_notional", "max_orders_per_day", "max_daily_loss",
        "max_daily_loss_fraction", "max_drawdown", "deployment_freeze_drawdown",
      ])
    let what = "risk.account"
    if let value = reader.money(
      entries["max_gross_exposure"], "\(what).max_gross_exposure", currency: currency)
    {
      limits.maxGrossExposure = value
    }
    if let value = reader.money(
      entries["max_net_exposure"], "\(what).max_net_exposure", currency: currency)
    {
      limits.maxNetExposure = value
    }
    if let value = reader.fraction(entries["max_leverage"], "\(what).max_leverage", range: 0...100)
    {
      limits.maxLeverage = value
    }
    if let value = reader.fraction(
      entries["max_symbol_concentration"], "\(what).max_symbol_concentration")
    {
      limits.maxSymbolConcentration = value
    }
    if let value = reader.fraction(
      entries["max_venue_concentration"], "\(what).max_venue_concentration")
    {
      limits.maxVenueConcentration = value
    }
    if let value = reader.money(
      entries["max_daily_notional"], "\(what).max_daily_notional", currency: currency)
    {
      limits.maxDailyNotional = value
    }
    if let value = reader.limit(
      entries["max_orders_per_day"], "\(what).max_orders_per_day", range: 1...100_000_000)
    {
      limits.maxOrdersPerDay = value
    }
    if let value = reader.money(
      entries["max_daily_loss"], "\(what).max_daily_loss", currency: currency)
    {
      limits.maxDailyLoss = value
    }
    if let value = reader.fraction(
      entries["max_daily_loss_fraction"], "\(what).max_daily_loss_fraction")
    {
      limits.maxDailyLossFraction = value
    }
    if let value = reader.fraction(entries["max_drawdown"], "\(what).max_drawdown") {
      limits.maxDrawdown = value
    }
    if let value = reader.fraction(
      entries["deployment_freeze_drawdown"], "\(what).deployment_freeze_drawdown")
    {
      limits.deploymentFreezeDrawdown = value
    }
  }

  private static func readSlotLimits(
    _ node: Node, _ reader: inout PlanReader, into limits: inout SlotLimits, what: String,
    currency: Currency
  ) {
    let entries = reader.mapping(
      node, what,
      allowed: Set(
        [
          "max_order_notional", "max_position_notional", "max_gross_exposure", "max_net_exposure",
          "max_leverage", "max_concentration", "max_orders_per_day", "max_daily_notional",
          "max_orders_per_second", "cooldown", "max_daily_loss_fraction", "max_drawdown",
          "max_consecutive_losses",
        ] + (what == "risk.slots" ? [] : ["sizing", "exits"])))
    if let value = reader.money(
      entries["max_order_notional"], "\(what).max_order_notional", currency: currency)
    {
      limits.maxOrderNotional = value
    }
    if let value = reader.money(
      entries["max_position_notional"], "\(what).max_position_notional", currency: currency)
    {
      limits.maxPositionNotional = value
    }
    if let value = reader.money(
      entries["max_gross_exposure"], "\(what).max_gross_exposure", currency: currency)
    {
      limits.maxGrossExposure = value
    }
    if let value = reader.money(
      entries["max_net_exposure"], "\(what).max_net_exposure", currency: currency)
    {
      limits.maxNetExposure = value
    }
    if let value = reader.fraction(entries["max_leverage"], "\(what).max_leverage", range: 0...100)
    {
      limits.maxLeverage = value
    }
    if let value = reader.fraction(entries["max_concentration"], "\(what).max_concentration") {
      limits.maxConcentration = value
    }
    if let value = reader.limit(
      entries["max_orders_per_day"], "\(what).max_orders_per_day", range: 1...100_000_000)
    {
      limits.maxOrdersPerDay = value
    }
    if let value = reader.money(
      entries["max_daily_notional"], "\(what).max_daily_notional", currency: currency)
    {
      limits.maxDailyNotional = value
    }
    if let value = reader.limit(
      entries["max_orders_per_second"], "\(what).max_orders_per_second", range: 1...1_000_000)
    {
      limits.maxOrdersPerSecond = value
    }
    if let value = reader.duration(entries["cooldown"], "\(what).cooldown") {
      limits.cooldownNanos = value
    }
    if let value = reader.fraction(
      entries["max_daily_loss_fraction"], "\(what).max_daily_loss_fraction")
    {
      limits.maxDailyLossFraction = value
    }
    if let value = reader.fraction(entries["max_drawdown"], "\(what).max_drawdown") {
      limits.maxDrawdown = value
    }
    if let value = reader.limit(
      entries["max_consecutive_losses"], "\(what).max_consecutive_losses", range: 1...1_000_000)
    {
      limits.maxConsecutiveLosses = value
    }
  }

  private static func readInstrumentLimits(
    _ node: Node, _ reader: inout PlanReader, into limits: inout InstrumentLimits, what: String,
    currency: Currency
  ) {
    let entries = reader.mapping(
      node, what,
      allowed: [
        "max_order_quantity", "max_order_notional", "max_position", "collar", "collar_ticks",
        "max_price_age", "stale_after", "fresh_events", "max_volatility", "atr_period",
      ])
    if let value = reader.quantity(entries["max_order_quantity"], "\(what).max_order_quantity") {
      limits.maxOrderQuantity = value
    }
    if let value = reader.money(
      entries["max_order_notional"], "\(what).max_order_notional", currency: currency)
    {
      limits.maxOrderNotional = value
    }
    if let value = reader.quantity(entries["max_position"], "\(what).max_position") {
      limits.maxPosition = value
    }
    if let value = reader.fraction(entries["collar"], "\(what).collar") {
      limits.collarFraction = value
    }
    if let value = reader.limit(
      entries["collar_ticks"], "\(what).collar_ticks", range: 1...1_000_000_000)
    {
      limits.collarTicks = value.map { Int64($0) }
    }
    if let value = reader.duration(entries["max_price_age"], "\(what).max_price_age") {
      limits.maxPriceAgeNanos = value
    }
    if let value = reader.duration(entries["stale_after"], "\(what).stale_after") {
      limits.staleAfterNanos = value
    }
    if let value = reader.integer(
      entries["fresh_events"], "\(what).fresh_events", range: 1...1_000_000)
    {
      limits.freshEventsToRecover = value
    }
    if let value = reader.fraction(entries["max_volatility"], "\(what).max_volatility") {
      limits.maxVolatility = value
    }
    if let value = reader.integer(entries["atr_period"], "\(what).atr_period", range: 1...10_000) {
      limits.atrPeriod = value
    }
  }
}
