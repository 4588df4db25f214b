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
    let (document, folder) = try PlanReader.document(at: path, what: "risk file")
    var reader = PlanReader(file: path, document: document)
    let risk = readRisk(document.root, &reader, currency: currency, baseDirectory: folder)
    guard reader.problems.isEmpty else { throw PlanError(reader.problems) }
    return risk
  }

  static func readRisk(
    _ node: Node, _ reader: inout PlanReader, currency: Currency, baseDirectory: String
  ) -> RiskConfiguration {
    let entries = reader.mapping(
      node, "risk",
      allowed: [
        "preset", "kill", "on_write_failure", "account", "slots", "slot", "instruments", "instrument",
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
    if let value = reader.string(entries["on_write_failure"], "risk.on_write_failure") {
      if let policy = WriteFailurePolicy(rawValue: value) {
        risk.onWriteFailure = policy
      } else {
        reader.problem(
          entries["on_write_failure"],
          "risk.on_write_failure must be halted or reducing, not '\(value)'")
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
    return reader.named(mapping, what).map { ($0.name, $0.value) }
  }

  private static func readAccountLimits(
    _ node: Node, _ reader: inout PlanReader, into limits: inout AccountLimits, currency: Currency
  ) {
    var fields = LimitFields<AccountLimits>()
    fields.money = [
      ("max_gross_exposure", \.maxGrossExposure), ("max_net_exposure", \.maxNetExposure),
      ("max_daily_notional", \.maxDailyNotional), ("max_daily_loss", \.maxDailyLoss),
    ]
    fields.fractions = [
      ("max_leverage", \.maxLeverage, 0...100),
      ("max_symbol_concentration", \.maxSymbolConcentration, 0...1),
      ("max_venue_concentration", \.maxVenueConcentration, 0...1),
      ("max_daily_loss_fraction", \.maxDailyLossFraction, 0...1),
      ("max_drawdown", \.maxDrawdown, 0...1),
      ("deployment_freeze_drawdown", \.deploymentFreezeDrawdown, 0...1),
    ]
    fields.counts = [("max_orders_per_day", \.maxOrdersPerDay, 1...100_000_000)]
    fields.read(node, &reader, into: &limits, what: "risk.account", currency: currency)
  }

  private static func readSlotLimits(
    _ node: Node, _ reader: inout PlanReader, into limits: inout SlotLimits, what: String,
    currency: Currency
  ) {
    var fields = LimitFields<SlotLimits>()
    fields.money = [
      ("max_order_notional", \.maxOrderNotional), ("max_position_notional", \.maxPositionNotional),
      ("max_gross_exposure", \.maxGrossExposure), ("max_net_exposure", \.maxNetExposure),
      ("max_daily_notional", \.maxDailyNotional),
    ]
    fields.fractions = [
      ("max_leverage", \.maxLeverage, 0...100), ("max_concentration", \.maxConcentration, 0...1),
      ("max_daily_loss_fraction", \.maxDailyLossFraction, 0...1),
      ("max_drawdown", \.maxDrawdown, 0...1),
    ]
    fields.counts = [
      ("max_orders_per_day", \.maxOrdersPerDay, 1...100_000_000),
      ("max_orders_per_second", \.maxOrdersPerSecond, 1...1_000_000),
      ("max_consecutive_losses", \.maxConsecutiveLosses, 1...1_000_000),
    ]
    fields.durations = [("cooldown", \.cooldownNanos)]
    // A named slot may also carry sizing and exits (read by `readGuards`).
    fields.others = what == "risk.slots" ? [] : ["sizing", "exits"]
    fields.read(node, &reader, into: &limits, what: what, currency: currency)
  }

  private static func readInstrumentLimits(
    _ node: Node, _ reader: inout PlanReader, into limits: inout InstrumentLimits, what: String,
    currency: Currency
  ) {
    var fields = LimitFields<InstrumentLimits>()
    fields.quantities = [
      ("max_order_quantity", \.maxOrderQuantity), ("max_position", \.maxPosition),
    ]
    fields.money = [("max_order_notional", \.maxOrderNotional)]
    fields.fractions = [
      ("collar", \.collarFraction, 0...1), ("max_volatility", \.maxVolatility, 0...1),
    ]
    fields.ticks = [("collar_ticks", \.collarTicks)]
    fields.durations = [("max_price_age", \.maxPriceAgeNanos), ("stale_after", \.staleAfterNanos)]
    fields.settings = [
      ("fresh_events", \.freshEventsToRecover, 1...1_000_000),
      ("atr_period", \.atrPeriod, 1...10_000),
    ]
    fields.read(node, &reader, into: &limits, what: what, currency: currency)
  }
}

/// The keys of one level's limits, by kind of value: one table per limits type instead of one
/// hand-written line per key, and the allowed keys are exactly the tables' keys.
struct LimitFields<Root> {
  var money: [(String, WritableKeyPath<Root, Money?>)] = []
  var fractions: [(String, WritableKeyPath<Root, Double?>, ClosedRange<Double>)] = []
  var counts: [(String, WritableKeyPath<Root, Int?>, ClosedRange<Int>)] = []
  var ticks: [(String, WritableKeyPath<Root, Int64?>)] = []
  var durations: [(String, WritableKeyPath<Root, Int64?>)] = []
  var quantities: [(String, WritableKeyPath<Root, Quantity?>)] = []
  /// Whole-number settings that cannot be turned off.
  var settings: [(String, WritableKeyPath<Root, Int>, ClosedRange<Int>)] = []
  /// Keys another reader handles.
  var others: [String] = []

  func read(
    _ node: Node, _ reader: inout PlanReader, into limits: inout Root, what: String,
    currency: Currency
  ) {
    let keys =
      money.map(\.0) + fractions.map(\.0) + counts.map(\.0) + ticks.map(\.0) + durations.map(\.0)
      + quantities.map(\.0) + settings.map(\.0) + others
    let entries = reader.mapping(node, what, allowed: Set(keys))
    for (key, path) in money {
      if let value = reader.money(entries[key], "\(what).\(key)", currency: currency) {
        limits[keyPath: path] = value
      }
    }
    for (key, path, range) in fractions {
      if let value = reader.fraction(entries[key], "\(what).\(key)", range: range) {
        limits[keyPath: path] = value
      }
    }
    for (key, path, range) in counts {
      if let value = reader.limit(entries[key], "\(what).\(key)", range: range) {
        limits[keyPath: path] = value
      }
    }
    for (key, path) in ticks {
      if let value = reader.limit(entries[key], "\(what).\(key)", range: 1...1_000_000_000) {
        limits[keyPath: path] = value.map { Int64($0) }
      }
    }
    for (key, path) in durations {
      if let value = reader.duration(entries[key], "\(what).\(key)") {
        limits[keyPath: path] = value
      }
    }
    for (key, path) in quantities {
      if let value = reader.quantity(entries[key], "\(what).\(key)") {
        limits[keyPath: path] = value
      }
    }
    for (key, path, range) in settings {
      if let value = reader.integer(entries[key], "\(what).\(key)", range: range) {
        limits[keyPath: path] = value
      }
    }
  }
}
