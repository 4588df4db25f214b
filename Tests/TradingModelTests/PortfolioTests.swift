import Testing
import TradingModel

@Suite("Portfolio")
struct PortfolioTests {
  @Test("init reports every problem at once")
  func initErrors() throws {
    let eur = Currency.standard("EUR")!
    let euroStock = try Instrument.make(
      id: 0, symbol: "SAP", venue: "XETRA", currency: eur, pricePrecision: 2
    ).get()
    do {
      _ = try Portfolio(
        currency: .usd, instruments: [euroStock, Fixtures.spy],
        slotCapital: [usd("100"), Money(raw: 1, currency: eur)])
      Issue.record("accepted a mixed-currency portfolio")
    } catch {
      #expect(
        error.problems == [
          .instrumentCurrency(symbol: "SAP.XETRA", currency: eur, account: .usd),
          .instrumentIndex(index: 1, id: 0),
          .capitalCurrency(slot: 1, currency: eur, account: .usd),
        ])
      #expect(error.description.contains("instrument SAP.XETRA is in EUR, the account is in USD"))
    }
    #expect(throws: PortfolioError(problems: [.noSlots])) {
      _ = try Portfolio(currency: .usd, instruments: [Fixtures.spy], slotCapital: [])
    }
  }

  @Test("two slots trading one instrument in opposite directions: the account is their sum")
  func oppositeSlots() throws {
    let spy = Fixtures.spy
    var portfolio = try Portfolio(
      currency: .usd, instruments: Fixtures.all, slotCapital: [usd("10000"), usd("5000")])
    #expect(portfolio.slotCount == 2)
    #expect(portfolio.startingCash == usd("15000.00"))
    #expect(portfolio.equity == usd("15000.00"))
    _ = try portfolio.apply(spy.fill(.buy, "100", at: "10.00", fee: "1.00", slot: 0, order: 1))
    _ = try portfolio.apply(spy.fill(.sell, "100", at: "10.00", fee: "1.00", slot: 1, order: 2))
    // Opening does not move cash (margin account): only the fees do.
    #expect(portfolio.slotCash(0) == usd("9999.00"))
    #expect(portfolio.slotCash(1) == usd("4999.00"))
    #expect(portfolio.cash == usd("14998.00"))
    // Without a mark, positions count at their average price: no unrealized PnL.
    #expect(portfolio.equity == usd("14998.00"))
    #expect(portfolio.grossExposure(slot: 1) == usd("1000.00"))
    try portfolio.mark(spy.id, price: spy.px("11.00"))
    #expect(portfolio.markPrice(spy.id) == spy.px("11.00"))
    #expect(portfolio.slotEquity(0) == usd("10099.00"))
    #expect(portfolio.slotEquity(1) == usd("4899.00"))
    #expect(portfolio.equity == usd("14998.00"))
    #expect(portfolio.unrealizedPnL == usd("0.00"))
    #expect(portfolio.grossExposure(slot: 0) == usd("1100.00"))
    #expect(portfolio.netExposure(slot: 0) == usd("1100.00"))
    #expect(portfolio.grossExposure(slot: 1) == usd("1100.00"))
    #expect(portfolio.netExposure(slot: 1) == usd("-1100.00"))
    #expect(portfolio.position(slot: 1, instrument: spy.id).quantity == spy.qty("-100"))
    #expect(portfolio.checkConsistency() == [])

    let won = try portfolio.apply(spy.fill(.sell, "100", at: "12.00", fee: "1.00", slot: 0, order: 3))
    let lost = try portfolio.apply(spy.fill(.buy, "100", at: "12.00", fee: "1.00", slot: 1, order: 4))
    #expect(won.realizedPnL == usd("200.00"))
    #expect(lost.realizedPnL == usd("-200.00"))
    #expect(portfolio.realizedPnL == usd("0.00"))
    #expect(portfolio.fees == usd("4.00"))
    #expect(portfolio.cash == usd("14996.00"))
    #expect(portfolio.equity == usd("14996.00"))
    #expect(portfolio.fills == 4)
    let winner = portfolio.ledger(0)
    #expect(winner.cash == usd("10198.00"))
    #expect(winner.roundTrips == 1)
    #expect(winner.winningRoundTrips == 1)
    #expect(winner.grossProfit == usd("198.00"))  // net of both fees
    #expect(winner.grossLoss == usd("0"))
    let loser = portfolio.ledger(1)
    #expect(loser.cash == usd("4798.00"))
    #expect(loser.losingRoundTrips == 1)
    #expect(loser.grossLoss == usd("-202.00"))
    #expect(loser.fills == 2)
    #expect(portfolio.grossExposure(slot: 0) == usd("0"))
    #expect(portfolio.checkConsistency() == [])
  }

  @Test("several instruments per slot: exposures and equity at the marks")
  func mixedBook() throws {
    let (spy, btc, es) = (Fixtures.spy, Fixtures.btc, Fixtures.es)
    var portfolio = try Portfolio(
      currency: .usd, instruments: Fixtures.all, slotCapital: [usd("100000")])
    _ = try portfolio.apply(btc.fill(.buy, "0.125", at: "60000.1", fee: "0.75"))
    _ = try portfolio.apply(es.fill(.sell, "2", at: "4500.25", fee: "4.50"))
    _ = try portfolio.apply(spy.fill(.buy, "10", at: "400.00"))
    try portfolio.mark(btc.id, price: btc.px("60100.0"))
    try portfolio.mark(es.id, price: es.px("4490.25"))
    try portfolio.mark(spy.id, price: spy.px("399.99"))
    // BTC +12.4875 -> 12.49, ES +1000.00, SPY -0.10
    #expect(portfolio.slotUnrealizedPnL(0) == usd("1012.39"))
    #expect(portfolio.equity == usd("101007.14"))  // 100000 - 5.25 fees + 1012.39
    // 7512.50 + 449025.00 + 3999.90
    #expect(portfolio.grossExposure(slot: 0) == usd("460537.40"))
    #expect(portfolio.netExposure(slot: 0) == usd("-437512.60"))
    #expect(portfolio.checkConsistency() == [])
  }
}
