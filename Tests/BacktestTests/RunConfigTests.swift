import Backtest
import Execution
import HostTestKit
import Testing
import TradingModel

@Suite("Run configs (YAML)")
struct RunConfigTests {
  func parse(_ text: String) throws(PlanError) -> BacktestPlan {
    try BacktestPlan.parse(text, file: "run.yaml", baseDirectory: "/configs")
  }

  @Test("a full config: sources, rules, account, slots, execution, manifests")
  func fullConfig() throws {
    let plan = try parse(
      """
      data:
        - path: data/spy.csv
          instrument: SPY.ARCA
          layout: bars
          price_precision: 2
          bar_seconds: 60
          timestamps: close
          side: mid
        - path: /abs/eur.csv
          instrument: EURUSD
      instruments:
        SPY.ARCA: {tick_size: 0.01, lot_size: 1, max_order_quantity: 500, multiplier: 1}
      account: {currency: EUR, cash: 250000.50}
      slots:
        - name: a
          strategy: ema-cross
          capital: 100000
          instruments: [SPY.ARCA]
          parameters: {fast_period: 5, slow_period: 9}
        - strategy: ema-cross
      execution:
        fill: next-open
        fees: {maker: -0.25, taker: 1.5}
        slippage_ticks: 2
      manifests: ../manifests
      """)
    #expect(plan.sources.map(\.path) == ["/configs/data/spy.csv", "/abs/eur.csv"])
    #expect(plan.sources[0].barSeconds == 60)
    #expect(plan.sources[0].timestampsAreClose)
    #expect(plan.sources[1].instrument == "EURUSD")
    #expect(plan.instruments["SPY.ARCA"]?.maxOrderQuantity == "500")
    #expect(plan.currency == "EUR")
    #expect(plan.cash == "250000.50")
    #expect(plan.slots.map(\.name) == ["a", "ema-cross"])
    #expect(plan.slots[0].instruments == ["SPY.ARCA"])
    #expect(plan.slots[0].parameters.map(\.0) == ["fast_period", "slow_period"])
    #expect(plan.execution.marketFill == .nextOpen)
    #expect(
      plan.execution.fees
        == FeeSchedule(maker: BasisPoints(hundredths: -25), taker: BasisPoints(hundredths: 150)))
    #expect(plan.execution.slippageTicks == 2)
    #expect(plan.manifests == ["/configs/../manifests"])
  }

  @Test("store: as --store takes it; a relative SQLite path from the config's folder")
  func store() throws {
    let slots = "slots: [{strategy: ema-cross}]\n"
    let base = "data: [{path: a.csv, instrument: SPY.ARCA}]\n" + slots
    #expect(try parse(base).store == nil)
    #expect(try parse(base + "store: journal/run.sqlite").store == "sqlite:/configs/journal/run.sqlite")
    #expect(try parse(base + "store: sqlite:/var/j.sqlite").store == "sqlite:/var/j.sqlite")
    #expect(try parse(base + "store: none").store == "none")
    let url = "postgres://tradehost@db:5432/journal"
    #expect(try parse(base + "store: \(url)").store == url)
    #expect(throws: PlanError.self) { try parse(base + "store: [a, b]") }
  }

  @Test(
    "manifests: one folder or a search path (a list), each resolved against the config's folder")
  func manifestSearchPath() throws {
    let plan = try parse(
      "data: [{path: a.csv, instrument: SPY}]\nmanifests: [manifests, /opt/mine]\nslots: [{strategy: ema-cross}]\n"
    )
    #expect(plan.manifests == ["/configs/manifests", "/opt/mine"])
    let error = #expect(throws: PlanError.self) {
      try parse(
        "data: [{path: a.csv, instrument: SPY}]\nmanifests: []\nslots: [{strategy: ema-cross}]\n")
    }
    #expect(
      error?.description.contains("manifests (an empty list)") == true,
      "\(String(describing: error))")
  }

  @Test("every problem at once, each with its line and column")
  func everyProblem() {
    let error = #expect(throws: PlanError.self) {
      try parse(
        """
        data:
          - path: a.csv
            price_precision: 40
        slots:
          - name: x
        execution:
          fees: {maker: abc}
          slippage_ticks: -1
        colour: blue
        """)
    }
    let lines = error?.problems.map(\.description) ?? []
    #expect(
      lines.contains("run.yaml:2:5: a data entry needs 'instrument' (SYMBOL or SYMBOL.VENUE)"))
    #expect(lines.contains { $0.hasPrefix("run.yaml:5:5: a slot needs 'strategy'") })
    #expect(
      lines.contains { $0.hasPrefix("run.yaml:7:17: execution.fees.maker must be basis points") })
    #expect(
      lines.contains {
        $0.hasPrefix("run.yaml:8:19: execution.slippage_ticks must be a whole number")
      })
    #expect(lines.contains { $0.hasPrefix("run.yaml:9:1: the run config: unknown key 'colour'") })
    #expect(lines.count >= 5)
  }

  @Test("not YAML, empty, or the wrong shape: one clear error")
  func wrongShapes() {
    for (text, expected) in [
      ("", "the run config is empty"),
      ("data: [", "not valid YAML"),
      ("- a\n- b\n", "the run config must be a mapping"),
      ("data: {path: x}\nslots: []\n", "data must be a list"),
    ] {
      let error = #expect(throws: PlanError.self) { try parse(text) }
      #expect(error?.description.contains(expected) == true, "\(text): \(error?.description ?? "")")
    }
  }

  @Test("a key given twice is named with both lines; other problems are still reported")
  func repeatedKeys() {
    let text = """
      data: [{path: x.csv, instrument: SPY}]
      slots:
        - {name: a, strategy: ema-cross, parameters: {fast_period: 5, fast_period: 6}}
      execution: {fill: close}
      execution: {fill: open}
      instruments: {SPY: {tick_size: 0.01}, SPY: {tick_size: 0.02}}
      colour: red
      """
    let error = #expect(throws: PlanError.self) { try parse(text) }
    let lines = error?.description.split(separator: "\n").map(String.init) ?? []
    #expect(
      lines.contains {
        $0.contains("slot.parameters: the key 'fast_period' is given twice (first given at line 3)")
      }, "\(lines)")
    #expect(
      lines.contains {
        $0.hasPrefix(
          "run.yaml:5:1: the run config: the key 'execution' is given twice (first given at line 4)"
        )
      }, "\(lines)")
    #expect(lines.contains { $0.contains("instruments: the key 'SPY' is given twice") })
    #expect(lines.contains { $0.contains("unknown key 'colour'") })
  }

  @Test("an alias in a key (a billion-laughs bomb) is refused at once, with its place")
  func aliasBomb() {
    var lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for level in 1...9 {
      lines.append(
        "a\(level): &a\(level) ["
          + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ") + "]")
    }
    lines.append("? *a9\n: boom")
    let error = #expect(throws: PlanError.self) { try parse(lines.joined(separator: "\n")) }
    #expect(
      error?.description.contains(
        "run.yaml:11:3: an alias (`*name`) cannot be used in a mapping key")
        == true, "\(error?.description ?? "")")
  }
}
