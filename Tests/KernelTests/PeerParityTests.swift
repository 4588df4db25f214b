import Backtest
import Kernel
import Testing
import TradingModel

/// The peers' numbers, measured on this machine with `../shared/peers/nt_emacross.py`
/// (nautilus_trader 1.221.0, EMACrossBench, HEDGING) and `bt_emacross.py --seed first`
/// (backtrader 1.9.78, cheat-on-close) on spy_1s_trade_bars_20131007_20131011.csv:
///
///     NautilusTrader: orders filled 9827, trades closed 4913 (1 open, +1), final equity 999907.2500
///     backtrader:     orders filled 9827, trades closed 4913 (1 open),     final equity 999907.2500
///
/// CI does not install the peers; these constants are the pinned record.
enum Peers {
  static let ordersFilled = 9_827
  static let tradesClosed = 4_913
  static let finalEquityCents: Int64 = 99_990_725
  static let bars = 100_184
}

@Suite("Parity with NautilusTrader and backtrader")
struct PeerParityTests {
  @Test(
    "EMA(10/20) stop-and-reverse on SPY 1s bars: same orders, closed trades and final equity to the cent"
  )
  func parity() throws {
    let (report, prepared) = try BacktestFixture.run(BacktestFixture.parityPlan())
    let stats = report.statistics
    #expect(stats.bars == Peers.bars)
    #expect(stats.orders == Peers.ordersFilled)
    #expect(stats.fills == Peers.ordersFilled)
    #expect(stats.denials == 0)
    #expect(stats.roundTrips == Peers.tradesClosed)
    #expect(stats.finalEquity == Money(raw: Peers.finalEquityCents, currency: .usd))
    // One position left open at the end, long 1, as both peers report.
    let position = prepared.kernel.portfolio.position(slot: 0, instrument: 0)
    #expect(position.quantity == Quantity(raw: 1, precision: 0))
    #expect(prepared.kernel.portfolio.checkConsistency().isEmpty)
  }
}
