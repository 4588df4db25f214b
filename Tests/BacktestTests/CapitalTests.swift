import Backtest
import HostTestKit
import Kernel
import Testing
import TradingModel

@Suite("Preparing a backtest: capital, instruments and plugins")
struct CapitalTests {
  static let spyDaily = RepositoryPaths.sharedData + "/bars/spy_1d_trade_bars_19980102_20210331.csv"

  func plan(cash: String, capitals: [String?]) -> BacktestPlan {
    var plan = BacktestPlan()
    plan.sources = [.init(path: Self.spyDaily, instrument: "SPY.ARCA")]
    plan.cash = cash
    plan.slots = capitals.enumerated().map { index, capital in
      .init(name: "s\(index)", strategy: "ema-cross", capital: capital)
    }
    return plan
  }

  func prepare(_ plan: BacktestPlan) throws -> PreparedBacktest {
    try BacktestRunner.prepare(
      plan, registry: try TestPlugins.registry(), cacheDirectory: nil, log: KernelLog.discard)
  }

  @Test("cash is shared among slots without capital; the account total is the cash, to the cent")
  func sharing() throws {
    let prepared = try prepare(plan(cash: "1000000.01", capitals: [nil, "400000", nil]))
    let portfolio = prepared.kernel.portfolio
    #expect((0..<3).map { portfolio.slotCash($0).raw } == [30_000_001, 40_000_000, 30_000_000])
    #expect(portfolio.cash == Money(raw: 100_000_001, currency: .usd))
  }

  @Test("capital beyond the cash, or not money, is refused with a sentence")
  func refusals() throws {
    let over = #expect(throws: PlanError.self) {
      try prepare(plan(cash: "1000", capitals: ["600", "600"]))
    }
    #expect(
      over?.description
        == "the slots' capital (1200.00 USD) exceeds the account's cash (1000.00 USD)")
    let cents = #expect(throws: PlanError.self) {
      try prepare(plan(cash: "10.001", capitals: [nil]))
    }
    #expect(cents?.description.contains("at most 2 decimals") == true)
    var currency = plan(cash: "1000", capitals: [nil])
    currency.currency = "XYZ"
    let unknown = #expect(throws: PlanError.self) { try prepare(currency) }
    #expect(unknown?.description.contains("unknown account currency 'XYZ'") == true)
  }

  @Test("instrument rules: a bad tick, an unknown slot instrument, two files for one instrument")
  func instrumentRules() throws {
    var tick = plan(cash: "1000", capitals: [nil])
    tick.instruments["SPY.ARCA"] = {
      var rules = BacktestPlan.InstrumentRules()
      rules.tickSize = "0.00001"
      return rules
    }()
    let tickError = #expect(throws: PlanError.self) { try prepare(tick) }
    #expect(
      tickError?.description.contains(
        "tick_size: '0.00001' is not a decimal with at most 4 decimals") == true)

    var slot = plan(cash: "1000", capitals: [nil])
    slot.slots[0].instruments = ["QQQ"]
    let slotError = #expect(throws: PlanError.self) { try prepare(slot) }
    #expect(
      slotError?.description.contains(
        "slot 's0': instrument 'QQQ' is not one of the run's (SPY.ARCA)") == true)

    var twice = plan(cash: "1000", capitals: [nil])
    twice.sources.append(.init(path: Self.spyDaily, instrument: "SPY.ARCA"))
    let twiceError = #expect(throws: PlanError.self) { try prepare(twice) }
    #expect(
      twiceError?.description.contains(
        "instrument SPY.ARCA is fed by 2 files (\(Self.spyDaily), \(Self.spyDaily)): only a quote file and a trade file may feed one instrument"
      ) == true, "\(twiceError?.description ?? "")")
  }

  static let binanceQuotes =
    RepositoryPaths.sharedData + "/ticks/tardis_binance-futures_btcusdt_quotes_20200222.csv"
  static let binanceTrades =
    RepositoryPaths.sharedData + "/ticks/tardis_binance-futures_btcusdt_trades_20200222.csv"

  @Test("a quote file and a trade file feed one instrument: a top-of-book replay, merged by time")
  func quotesAndTradesOfOneInstrument() throws {
    var plan = plan(cash: "1000000", capitals: [nil])
    plan.sources = [
      .init(path: Self.binanceQuotes, instrument: "BTCUSDT.BINANCE", layout: "quotes"),
      .init(path: Self.binanceTrades, instrument: "BTCUSDT.BINANCE", layout: "trades"),
    ]
    let market = try BacktestRunner.loadMarket(plan, cacheDirectory: nil, log: KernelLog.discard)
    #expect(market.instruments.count == 1 && market.names.map(\.qualified) == ["BTCUSDT.BINANCE"])
    #expect(market.origins.count == 2)
    var quotes = 0
    var trades = 0
    var last = Int64.min
    var ordered = true
    for event in market.events {
      #expect(event.instrument == 0)
      if event.timestamp < last { ordered = false }
      last = event.timestamp
      switch event {
      case .quote: quotes += 1
      case .trade: trades += 1
      case .bar: break
      }
    }
    #expect(quotes == 9_999 && trades == 9_999 && ordered)
    // The report names both files.
    let prepared = try prepare(plan)
    #expect(prepared.sources.map(\.path) == [Self.binanceQuotes, Self.binanceTrades])
    // Two quote files (or two bar files) for one instrument stay refused.
    plan.sources[1] = .init(path: Self.binanceQuotes, instrument: "BTCUSDT.BINANCE")
    let error = #expect(throws: PlanError.self) {
      try BacktestRunner.loadMarket(plan, cacheDirectory: nil, log: KernelLog.discard)
    }
    #expect(error?.description.contains("only a quote file and a trade file") == true)
  }

  @Test("an unknown strategy or a bad parameter names the slot and the plugin")
  func plugins() throws {
    var unknown = plan(cash: "1000", capitals: [nil])
    unknown.slots[0].strategy = "nope"
    let unknownError = #expect(throws: PlanError.self) { try prepare(unknown) }
    #expect(
      unknownError?.description.hasPrefix("slot 's0': nope: create: no loaded plugin has this id")
        == true)
    var parameter = plan(cash: "1000", capitals: [nil])
    parameter.slots[0].parameters = [("fast_period", "30"), ("slow_period", "20")]
    let parameterError = #expect(throws: PlanError.self) { try prepare(parameter) }
    #expect(
      parameterError?.description.contains("fast_period (30) must be below slow_period (20)")
        == true)
  }
}
