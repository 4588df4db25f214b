import Backtest
import Testing
import TradingModel

/// A slot's `bars:` in a run config: the resampled series it subscribes to.
@Suite("Run configs: slot bars")
struct SlotBarsConfigTests {
  @Test("bars: read in order; a bad or repeated series is refused with its line")
  func bars() throws {
    let plan = try BacktestPlan.parse(
      """
      data: [{path: spy.csv, instrument: SPY}]
      slots:
        - strategy: ema-cross
          bars: [1m, 5m, ticks:100, volume:5000, dollars:1000000]
      """, file: "run.yaml", baseDirectory: "/configs")
    #expect(
      plan.slots[0].bars == [
        .time(nanoseconds: 60_000_000_000), .time(nanoseconds: 300_000_000_000), .ticks(100),
        .volume(5000), .dollars(1_000_000),
      ])
    #expect(throws: PlanError.self) {
      try BacktestPlan.parse(
        "data: [{path: spy.csv, instrument: SPY}]\nslots:\n  - strategy: ema-cross\n    bars: [5x, 1m, 60s]\n",
        file: "run.yaml", baseDirectory: "/configs")
    }
    do {
      _ = try BacktestPlan.parse(
        "data: [{path: spy.csv, instrument: SPY}]\nslots:\n  - strategy: ema-cross\n    bars: [5x, 1m, 60s]\n",
        file: "run.yaml", baseDirectory: "/configs")
    } catch {
      let text = error.description
      #expect(text.contains("run.yaml:4:"), "\(text)")
      #expect(text.contains(#"slot.bars: expected a bar series such as 30s, 1m"#), "\(text)")
      #expect(text.contains("slot.bars: 60s is listed twice"), "\(text)")
    }
  }
}
