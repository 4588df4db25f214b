import Backtest
import Foundation
import HostTestKit
import Kernel
import MarketCalendars
import Risk
import RiskHealth
import RiskSizing
import Testing
import TradingModel

/// The `risk:` section of a run config: every key parses into the configuration, every bad value
/// is a problem at its line and column, unknown keys are refused, and names the run lacks fail
/// when the run is prepared.
@Suite("Risk section of a run config")
struct RiskYAMLTests {
  static let calendars = RepositoryPaths.fixtures + "/calendars"

  /// A run config around `risk` (indented two spaces under `risk:`).
  static func config(_ risk: String) -> String {
    """
    data:
      - {path: spy.csv, instrument: SPY.ARCA}
    slots:
      - {name: fast, strategy: ema-cross}
    risk:
    \(risk)
    """
  }

  static func parse(_ text: String) throws(PlanError) -> BacktestPlan {
    try BacktestPlan.parse(text, file: "run.yaml", baseDirectory: calendars)
  }

  /// The 1-based line and column where `needle` first starts in `text`.
  static func place(of needle: String, in text: String) -> (line: Int, column: Int)? {
    for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
    {
      if let range = line.range(of: needle) {
        return (index + 1, line.distance(from: line.startIndex, to: range.lowerBound) + 1)
      }
    }
    return nil
  }

  /// A run config and a risk file with every key of the section (the same limits).
  static let fullRun = RepositoryPaths.fixtures + "/risk/full-risk.yaml"
  static let riskFile = RepositoryPaths.fixtures + "/risk/limits.yaml"

  @Test("a full risk section parses into the expected configuration")
  func fullSection() throws {
    let plan = try BacktestPlan.load(path: Self.fullRun)
    let risk = plan.risk
    let usd = Currency.usd
    var account = AccountLimits()
    account.maxGrossExposure = Money(raw: 500_000_00, currency: usd)
    account.maxNetExposure = Money(raw: 250_000_50, currency: usd)
    account.maxLeverage = 2
    account.maxSymbolConcentration = 0.10
    account.maxVenueConcentration = 0.5
    account.maxDailyNotional = Money(raw: 1_000_000_00, currency: usd)
    account.maxOrdersPerDay = 200
    account.maxDailyLoss = Money(raw: 5_000_00, currency: usd)
    account.maxDailyLossFraction = 0.03
    account.maxDrawdown = 0.1
    account.deploymentFreezeDrawdown = nil
    #expect(risk.account == account)

    var slots = SlotLimits()
    slots.maxOrderNotional = Money(raw: 20_000_00, currency: usd)
    slots.maxPositionNotional = Money(raw: 50_000_00, currency: usd)
    slots.maxGrossExposure = Money(raw: 100_000_00, currency: usd)
    slots.maxNetExposure = Money(raw: 80_000_00, currency: usd)
    slots.maxLeverage = 1.5
    slots.maxConcentration = 0.40
    slots.maxOrdersPerDay = 30
    slots.maxDailyNotional = Money(raw: 200_000_00, currency: usd)
    slots.maxOrdersPerSecond = 5
    slots.cooldownNanos = 90_000_000_000
    slots.maxDailyLossFraction = 0.04
    slots.maxDrawdown = 0.08
    slots.maxConsecutiveLosses = 6
    #expect(risk.slotDefaults == slots)
    // A named slot starts from the slot defaults.
    var fast = slots
    fast.maxOrdersPerDay = 50
    fast.cooldownNanos = nil
    #expect(risk.slots == ["fast": fast])
    #expect(risk.limits(slot: "fast") == fast)
    #expect(risk.limits(slot: "other") == slots)

    var instruments = InstrumentLimits()
    instruments.maxOrderQuantity = Quantity(raw: 1000_0000_0000, precision: 8)
    instruments.maxOrderNotional = Money(raw: 150_000_00, currency: usd)
    instruments.collarFraction = 0.02
    instruments.maxPriceAgeNanos = 30_000_000_000
    instruments.staleAfterNanos = 120_000_000_000
    instruments.freshEventsToRecover = 5
    instruments.maxVolatility = 0.04
    instruments.atrPeriod = 20
    #expect(risk.instrumentDefaults == instruments)
    var spy = instruments
    spy.maxPosition = Quantity(raw: 300_0000_0000, precision: 8)
    spy.collarTicks = 50
    spy.maxPriceAgeNanos = nil
    #expect(risk.instruments == ["SPY.ARCA": spy])

    #expect(risk.killPolicy == .freeze)
    #expect(risk.venueMaxOrdersPerSecond == 20)
    #expect(risk.dailyReset?.resetMinute == 17 * 60)
    #expect(risk.dailyReset?.zoneIdentifier == "America/New_York")
    #expect(risk.tradingCalendar?.instruments["SPY.ARCA"] != nil)
    #expect(risk.eventCalendar?.events.count == 13)
    #expect(
      risk.runaway
        == RunawayLimits(
          maxOrdersPerMinute: 60, maxOrderNotionalPerMinute: 5_000_000, maxFillsPerMinute: 40,
          maxFillNotionalPerMinute: 4_000_000, maxIdenticalOrders: 4,
          identicalWindowNanos: 30_000_000_000))
    #expect(
      risk.pluginBreaker
        == CircuitBreaker.Policy(
          windowNanos: 120_000_000_000, windowBuckets: 120, minimumSamples: 10, tripRatio: 0.4,
          cooldownNanos: 60_000_000_000, probeSuccesses: 3, maxCooldownNanos: 1_200_000_000_000))
    var venueErrors = CircuitBreaker.Policy.venueErrors
    venueErrors.minimumSamples = 8
    venueErrors.tripRatio = 0.25
    #expect(risk.venueErrorBreaker == venueErrors)
    var venueLatency = CircuitBreaker.Policy.venueLatency
    venueLatency.windowNanos = 30_000_000_000
    venueLatency.windowBuckets = 30
    #expect(risk.venueLatencyBreaker == venueLatency)
    #expect(risk.venueLatencyBoundNanos == 250_000_000)
    #expect(
      risk.sizing == [
        "fast": SlotSizing(rule: .percentOfEquityAtRisk(fraction: 0.01, atrMultiple: 2))
      ])
    #expect(
      risk.exits == [
        "fast": ExitRules(
          stopLoss: StopLossRule(atrMultiple: 2), trailingStop: .fraction(0.05),
          takeProfit: TakeProfitLadder(moveStopToBreakEven: false),
          maxHoldingNanos: 7_200_000_000_000)
      ])
    // The parsed configuration builds a wrapper.
    _ = try RiskWrapper(configuration: risk)
  }

  @Test("the same keys as a risk file (loadRisk) give the same configuration")
  func riskFile() throws {
    let loaded = try BacktestPlan.loadRisk(path: Self.riskFile, currency: .usd)
    let parsed = try BacktestPlan.load(path: Self.fullRun).risk
    #expect(loaded.account == parsed.account)
    #expect(loaded.slotDefaults == parsed.slotDefaults)
    #expect(loaded.slots == parsed.slots)
    #expect(loaded.instrumentDefaults == parsed.instrumentDefaults)
    #expect(loaded.instruments == parsed.instruments)
    #expect(loaded.sizing == parsed.sizing)
    #expect(loaded.exits == parsed.exits)
    #expect(loaded.runaway == parsed.runaway)
    #expect(loaded.pluginBreaker == parsed.pluginBreaker)
    #expect(loaded.venueLatencyBoundNanos == parsed.venueLatencyBoundNanos)
    #expect(loaded.killPolicy == parsed.killPolicy)
    #expect(loaded.tradingCalendar?.file.hasSuffix("calendars/xnys-2013.yaml") == true)
    #expect(loaded.eventCalendar?.events.count == parsed.eventCalendar?.events.count)
  }

  @Test("a risk file with a bad value names the file, line and column")
  func riskFileProblem() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let path = directory.file("risk.yaml")
    try Data("account:\n  max_drawdown: 50 percent\n".utf8).write(to: URL(fileURLWithPath: path))
    let error = #expect(throws: PlanError.self) {
      try BacktestPlan.loadRisk(path: path, currency: .usd)
    }
    #expect(
      error?.problems.map(\.description).first?.hasPrefix(
        "\(path):2:17: risk.account.max_drawdown must be a fraction") == true,
      "\(error?.description ?? "")")
  }

  @Test(
    "each bad value is a problem at its line and column",
    arguments: [
      ("preset: risky", "risky", "risk.preset must be default or unlimited"),
      ("kill: explode", "explode", "risk.kill must be flatten or freeze"),
      (
        "venue_max_orders_per_second: 0", "0",
        "risk.venue_max_orders_per_second must be a whole number"
      ),
      ("account: {max_leverage: lots}", "lots}", "risk.account.max_leverage must be a fraction"),
      ("account: {max_drawdown: 150%}", "150%", "risk.account.max_drawdown must be a fraction"),
      (
        "account: {max_daily_loss_fraction: 0}", "0}",
        "risk.account.max_daily_loss_fraction must be a fraction"
      ),
      (
        "account: {max_gross_exposure: -5}", "-5",
        "risk.account.max_gross_exposure must be a positive amount of USD"
      ),
      (
        "account: {max_daily_loss: 1.005}", "1.005",
        "risk.account.max_daily_loss must be a positive amount of USD"
      ),
      (
        "slots: {max_orders_per_day: 0}", "0}",
        "risk.slots.max_orders_per_day must be a whole number"
      ),
      (
        "slots: {max_orders_per_second: 2.5}", "2.5",
        "risk.slots.max_orders_per_second must be a whole number"
      ),
      ("slots: {cooldown: 5 minutes}", "5 minutes", "risk.slots.cooldown must be a duration"),
      (
        "slot: {fast: {max_consecutive_losses: many}}", "many",
        "risk.slot.fast.max_consecutive_losses must be a whole number"
      ),
      (
        "instruments: {max_position: 0}", "0}",
        "risk.instruments.max_position must be a positive number"
      ),
      (
        "instruments: {max_order_quantity: 1.123456789}", "1.123456789",
        "risk.instruments.max_order_quantity must be a positive number"
      ),
      ("instruments: {atr_period: 0}", "0}", "risk.instruments.atr_period must be a whole number"),
      (
        "instrument: {SPY.ARCA: {collar_ticks: -3}}", "-3",
        "risk.instrument.SPY.ARCA.collar_ticks must be a whole number"
      ),
      (
        "runaway: {max_identical_orders: 1}", "1}",
        "risk.runaway.max_identical_orders must be a whole number"
      ),
      (
        "breakers: {plugin: {trip_ratio: 0}}", "0}",
        "risk.breakers.plugin.trip_ratio must be a fraction"
      ),
      ("breakers: {venue_errors: {buckets: 7}}", "{buckets", "risk.breakers.venue_errors:"),
      ("daily_reset: {time: \"25:00\"}", "{time", "risk.daily_reset:"),
      ("trading_calendar: no-such-calendar.yaml", "no-such", "risk.trading_calendar:"),
      ("event_calendar: {before: 5m}", "{before", "risk.event_calendar needs 'path'"),
      (
        "slot: {fast: {sizing: {rule: martingale}}}", "martingale",
        "risk.slot.fast.sizing.rule must be fixed, risk, kelly or volatility"
      ),
      (
        "slot: {fast: {sizing: {rule: kelly, fraction: 0.5, win_probability: 1.5}}}", "1.5",
        "risk.slot.fast.sizing.win_probability must be a fraction"
      ),
      (
        "slot: {fast: {exits: {trailing_atr: 2, trailing_fraction: 5%}}}", "5%",
        "give trailing_atr or trailing_fraction, not both"
      ),
      ("slot: {fast: {exits: {take_profit: true}}}", "{take_profit", "takeProfit"),
    ])
  func badValue(entry: String, at token: String, message: String) throws {
    let text = Self.config("  " + entry)
    let error = #expect(throws: PlanError.self) { try Self.parse(text) }
    let problems = error?.problems ?? []
    let expected = try #require(Self.place(of: token, in: text))
    let match = problems.first { $0.message.contains(message) }
    #expect(match != nil, "\(problems.map(\.description))")
    #expect(match?.file == "run.yaml")
    #expect(match?.line == expected.line, "\(match?.description ?? "")")
    #expect(match?.column == expected.column, "\(match?.description ?? "")")
  }

  @Test("unknown keys are refused at their place, with the known keys listed; all problems at once")
  func unknownKeys() throws {
    let text = Self.config(
      """
        max_lev: 2
        account: {max_leverage: 2, max_leverag: 3}
        slots: {sizing: {rule: fixed, quantity: 5}}
        slot: {fast: {cooldown: 1m, colour: red}}
        instrument: {SPY.ARCA: {collar_fraction: 5%}}
        runaway: {max_orders_per_hour: 9}
        breakers: {plugins: {}}
      """)
    let error = #expect(throws: PlanError.self) { try Self.parse(text) }
    let problems = error?.problems ?? []
    for (key, scope) in [
      ("max_lev", "risk"), ("max_leverag", "risk.account"), ("sizing", "risk.slots"),
      ("colour", "risk.slot.fast"), ("collar_fraction", "risk.instrument.SPY.ARCA"),
      ("max_orders_per_hour", "risk.runaway"), ("plugins", "risk.breakers"),
    ] {
      let place = try #require(Self.place(of: key + ":", in: text))
      let problem = problems.first { $0.message.hasPrefix("\(scope): unknown key '\(key)'") }
      #expect(problem != nil, "\(key): \(problems.map(\.description))")
      #expect(problem?.line == place.line && problem?.column == place.column, "\(key)")
      #expect(problem?.message.contains("(known: ") == true)
    }
    #expect(problems.count == 7)
  }

  @Test("preset: unlimited turns every optional limit off; later keys still apply")
  func presetUnlimited() throws {
    let risk = try Self.parse(Self.config("  preset: unlimited")).risk
    #expect(risk.account == .unlimited)
    #expect(risk.slotDefaults == .unlimited)
    #expect(risk.instrumentDefaults == .unlimited)
    #expect(risk.venueMaxOrdersPerSecond == nil)
    let tuned = try Self.parse(
      Self.config(
        "  preset: unlimited\n  account: {max_drawdown: 5%}\n  slots: {max_orders_per_day: 9}")
    ).risk
    var account = AccountLimits.unlimited
    account.maxDrawdown = 0.05
    #expect(tuned.account == account)
    var slots = SlotLimits.unlimited
    slots.maxOrdersPerDay = 9
    #expect(tuned.slotDefaults == slots)
    // Without a preset (or `preset: default`) the design's defaults stand.
    let defaults = try Self.parse(Self.config("  preset: default")).risk
    #expect(defaults.account == AccountLimits())
    #expect(defaults.slotDefaults == SlotLimits())
    #expect(defaults.instrumentDefaults == InstrumentLimits())
    #expect(defaults.venueMaxOrdersPerSecond == 50)
  }

  /// A small bar file (ten 1-second bars of SPY) in `directory`.
  static func smallData(in directory: TemporaryDirectory) throws -> String {
    let path = directory.file("spy.csv")
    var text = "ts_utc,open,high,low,close,volume\n"
    for second in 0..<10 {
      text += "2013-10-07T14:00:0\(second)Z,167.41,167.42,167.40,167.41,100\n"
    }
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    return path
  }

  @Test("limits for a slot or an instrument the run lacks fail when the run is prepared")
  func namesTheRunLacks() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let data = try Self.smallData(in: directory)
    let text = """
      data:
        - {path: \(data), instrument: SPY.ARCA}
      slots:
        - {name: fast, strategy: ema-cross}
      risk:
        slot:
          slwo: {max_orders_per_day: 3}
        instrument:
          QQQ.ARCA: {max_position: 10}
      """
    let plan = try BacktestPlan.parse(text, file: "run.yaml", baseDirectory: directory.path)
    let error = #expect(throws: PlanError.self) {
      try BacktestRunner.prepare(
        plan, registry: try TestPlugins.registry(), cacheDirectory: nil, log: KernelLog.discard)
    }
    let description = error?.description ?? ""
    #expect(
      description.contains("risk.slot.slwo: the run has no slot of that name"), "\(description)")
    #expect(
      description.contains("risk.instrument.QQQ.ARCA: the run has no instrument of that name"))
    // The same plan with the right names prepares.
    var fixed = plan
    fixed.risk.slots = ["fast": fixed.risk.slots["slwo"]!]
    fixed.risk.instruments = [:]
    let registry = try TestPlugins.registry()
    let prepared = try BacktestRunner.prepare(
      fixed, registry: registry, cacheDirectory: nil, log: KernelLog.discard)
    let limit = prepared.risk?.configuration.limits(slot: "fast").maxOrdersPerDay
    #expect(limit == 3)
    withExtendedLifetime(registry) {}
  }

  @Test("a configuration with bad numbers is refused with every problem at once")
  func invalidConfiguration() throws {
    var risk = RiskConfiguration()
    risk.slotDefaults.maxOrdersPerSecond = 0
    risk.venueMaxOrdersPerSecond = 0
    risk.pluginBreaker.tripRatio = 2
    risk.runaway.maxOrdersPerMinute = 0
    do {
      _ = try RiskWrapper(configuration: risk)
      Issue.record("an invalid configuration built a wrapper")
    } catch {
      for part in [
        "slots max_orders_per_second", "venue_max_orders_per_second", "breakers.plugin", "runaway",
      ] {
        #expect(error.description.contains(part), "\(part): \(error.description)")
      }
    }
  }
}
