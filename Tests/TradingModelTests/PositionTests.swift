import Testing
import TradingModel

@Suite("Position (netting, exact)")
struct PositionTests {
  @Test("long: add, partial close at the average cost, close to flat")
  func longRoundTrip() throws {
    let spy = Fixtures.spy
    var position = Position(slot: 0, instrument: spy)
    #expect(position.isFlat)
    var change = try position.apply(
      spy.fill(.buy, "100", at: "10.00", fee: "1.00", time: 1), instrument: spy)
    #expect(change.realizedPnL == usd("0"))
    #expect(change.quantityBefore == spy.qty("0"))
    #expect(change.quantityAfter == spy.qty("100"))
    #expect(!change.closedRoundTrip)
    #expect(position.openedAt == 1)
    _ = try position.apply(spy.fill(.buy, "100", at: "11.00", fee: "1.00", time: 2), instrument: spy)
    #expect(position.quantity == spy.qty("200"))
    #expect(position.averageOpenPrice == spy.px("10.50"))
    change = try position.apply(
      spy.fill(.sell, "50", at: "12.00", fee: "0.50", time: 3), instrument: spy)
    #expect(change.realizedPnL == usd("75.00"))
    #expect(change.quantityAfter == spy.qty("150"))
    #expect(position.averageOpenPrice == spy.px("10.50"))
    #expect(position.unrealizedPnL(mark: spy.px("12.50"), instrument: spy) == usd("300.00"))
    #expect(position.marketValue(mark: spy.px("12.50"), instrument: spy) == usd("1875.00"))
    change = try position.apply(
      spy.fill(.sell, "150", at: "9.00", fee: "1.50", time: 4), instrument: spy)
    #expect(change.realizedPnL == usd("-225.00"))
    #expect(
      change.roundTrip
        == RoundTrip(
          side: .buy, openedAt: 1, closedAt: 4, grossPnL: usd("-150.00"), fees: usd("4.00")))
    #expect(change.roundTrip?.netPnL == usd("-154.00"))
    #expect(!change.flipped)
    #expect(position.isFlat)
    #expect(position.averageOpenPrice == spy.px("0"))
    #expect(position.openedAt == 0)
    #expect(position.realizedPnL == usd("-150.00"))
    #expect(position.fees == usd("4.00"))
    #expect(position.roundTrips == 1)
    #expect(position.unrealizedPnL(mark: spy.px("50.00"), instrument: spy) == usd("0"))
  }

  @Test("short: a buy reduces it; PnL and value have the short's sign")
  func short() throws {
    let spy = Fixtures.spy
    var position = Position(slot: 0, instrument: spy)
    _ = try position.apply(spy.fill(.sell, "10", at: "50.00"), instrument: spy)
    #expect(position.quantity == spy.qty("-10"))
    #expect(position.averageOpenPrice == spy.px("50.00"))
    let change = try position.apply(spy.fill(.buy, "4", at: "45.00"), instrument: spy)
    #expect(change.realizedPnL == usd("20.00"))
    #expect(change.quantityAfter == spy.qty("-6"))
    #expect(position.unrealizedPnL(mark: spy.px("55.00"), instrument: spy) == usd("-30.00"))
    #expect(position.marketValue(mark: spy.px("55.00"), instrument: spy) == usd("-330.00"))
  }

  @Test("a flip closes one round trip and opens the next; its fee is split by quantity")
  func flip() throws {
    let spy = Fixtures.spy
    var position = Position(slot: 0, instrument: spy)
    _ = try position.apply(spy.fill(.buy, "10", at: "100.00", fee: "1.00", time: 1), instrument: spy)
    var change = try position.apply(
      spy.fill(.sell, "25", at: "110.00", fee: "2.50", time: 2), instrument: spy)
    #expect(change.realizedPnL == usd("100.00"))
    #expect(change.flipped)
    #expect(change.quantityBefore == spy.qty("10"))
    #expect(change.quantityAfter == spy.qty("-15"))
    #expect(
      change.roundTrip
        == RoundTrip(
          side: .buy, openedAt: 1, closedAt: 2, grossPnL: usd("100.00"), fees: usd("2.00")))
    #expect(position.averageOpenPrice == spy.px("110.00"))
    #expect(position.openedAt == 2)
    change = try position.apply(
      spy.fill(.buy, "15", at: "100.00", fee: "1.50", time: 3), instrument: spy)
    #expect(
      change.roundTrip
        == RoundTrip(
          side: .sell, openedAt: 2, closedAt: 3, grossPnL: usd("150.00"), fees: usd("3.00")))
    #expect(position.realizedPnL == usd("250.00"))
    #expect(position.fees == usd("5.00"))
    #expect(position.roundTrips == 2)
  }

  @Test("a flip's odd-cent fee goes half-even to the closing trip, the rest to the next")
  func flipFeeRounding() throws {
    let spy = Fixtures.spy
    var position = Position(slot: 0, instrument: spy)
    _ = try position.apply(spy.fill(.buy, "1", at: "10.00"), instrument: spy)
    var change = try position.apply(spy.fill(.sell, "2", at: "10.00", fee: "0.01"), instrument: spy)
    #expect(change.roundTrip?.fees == usd("0.00"))  // 0.005 -> 0.00
    change = try position.apply(spy.fill(.buy, "1", at: "10.00"), instrument: spy)
    #expect(change.roundTrip?.fees == usd("0.01"))
    _ = try position.apply(spy.fill(.buy, "1", at: "10.00"), instrument: spy)
    change = try position.apply(spy.fill(.sell, "4", at: "10.00", fee: "0.03"), instrument: spy)
    #expect(change.roundTrip?.fees == usd("0.01"))  // 0.0075 -> 0.01
  }

  @Test("BTC: 3-decimal sizes, 1-decimal prices; a round trip is rounded once, not per close")
  func btcRounding() throws {
    let btc = Fixtures.btc
    var position = Position(slot: 0, instrument: btc)
    _ = try position.apply(btc.fill(.buy, "0.100", at: "100.1"), instrument: btc)  // 10.01
    _ = try position.apply(btc.fill(.buy, "0.300", at: "100.2"), instrument: btc)  // 30.06
    #expect(position.averageOpenPrice == btc.px("100.2"))  // 100.175 -> 100.2
    var change = try position.apply(btc.fill(.sell, "0.200", at: "101.0"), instrument: btc)
    #expect(change.realizedPnL == usd("0.16"))  // 20.20 - 20.035 = 0.165: tie to even
    // Closing the rest at the mark would book 0.17: the trip's 0.33 rounded once, less 0.16.
    #expect(position.unrealizedPnL(mark: btc.px("101.0"), instrument: btc) == usd("0.17"))
    change = try position.apply(btc.fill(.sell, "0.200", at: "101.0"), instrument: btc)
    #expect(change.realizedPnL == usd("0.17"))
    #expect(change.roundTrip?.grossPnL == usd("0.33"))
    #expect(position.realizedPnL == usd("0.33"))
  }

  @Test("BTC: an average that is not a whole price keeps an exact basis")
  func btcRepeatingAverage() throws {
    let btc = Fixtures.btc
    var position = Position(slot: 0, instrument: btc)
    _ = try position.apply(btc.fill(.buy, "0.125", at: "100.1"), instrument: btc)  // 12.5125
    _ = try position.apply(btc.fill(.buy, "0.375", at: "100.2"), instrument: btc)  // 37.575
    #expect(position.averageOpenPrice == btc.px("100.2"))  // 100.175
    // 50.15 - 50.0875 = 0.0625
    #expect(position.unrealizedPnL(mark: btc.px("100.3"), instrument: btc) == usd("0.06"))
    #expect(position.marketValue(mark: btc.px("100.3"), instrument: btc) == usd("50.15"))
    _ = try position.apply(btc.fill(.buy, "0.001", at: "100.0"), instrument: btc)  // avg 100.17465...
    #expect(position.averageOpenPrice == btc.px("100.2"))
    // Sell a third at a time: each close removes a third of the basis, the last one the rest.
    var total = usd("0")
    for size in ["0.167", "0.167", "0.167"] {
      total += try position.apply(btc.fill(.sell, size, at: "100.0"), instrument: btc).realizedPnL
    }
    #expect(position.isFlat)
    // Exact: 0.501 * 100.0 - (12.5125 + 37.575 + 0.1) = -0.0875 -> -0.09 (one rounding)
    #expect(total == usd("-0.09"))
    #expect(position.realizedPnL == usd("-0.09"))
  }

  @Test("a partial close rounds once: the basis split is far finer than a cent")
  func partialCloseSingleRounding() throws {
    let btc = Fixtures.btc
    var position = Position(slot: 0, instrument: btc)
    _ = try position.apply(btc.fill(.buy, "0.408", at: "100.6"), instrument: btc)  // 41.0448
    _ = try position.apply(btc.fill(.buy, "0.015", at: "100.7"), instrument: btc)  // 1.5105
    let change = try position.apply(btc.fill(.sell, "0.155", at: "100.7"), instrument: btc)
    // 15.6085 - 42.5553 * 155 / 423 = 0.014950...: 0.01. Splitting the basis at 0.0001 first
    // (the price x size precision) would make it 0.0150 and then 0.02.
    #expect(change.realizedPnL == usd("0.01"))
  }

  @Test("futures: the multiplier scales PnL, value and nothing else")
  func futures() throws {
    let es = Fixtures.es
    var position = Position(slot: 0, instrument: es)
    _ = try position.apply(es.fill(.buy, "1", at: "4500.25", fee: "2.25"), instrument: es)
    _ = try position.apply(es.fill(.buy, "1", at: "4500.50", fee: "2.25"), instrument: es)
    #expect(position.averageOpenPrice == es.px("4500.38"))  // 4500.375: tie to even
    var change = try position.apply(es.fill(.sell, "1", at: "4510.50", fee: "2.25"), instrument: es)
    #expect(change.realizedPnL == usd("506.25"))  // (4510.50 - 4500.375) * 50
    #expect(position.unrealizedPnL(mark: es.px("4495.75"), instrument: es) == usd("-231.25"))
    #expect(position.marketValue(mark: es.px("4495.75"), instrument: es) == usd("224787.50"))
    change = try position.apply(es.fill(.sell, "1", at: "4490.00", fee: "2.25"), instrument: es)
    #expect(change.realizedPnL == usd("-518.75"))
    #expect(change.roundTrip?.grossPnL == usd("-12.50"))
    #expect(change.roundTrip?.fees == usd("9.00"))
    #expect(change.roundTrip?.netPnL == usd("-21.50"))
  }

  @Test("a fractional multiplier and odd precisions stay exact")
  func oddPrecisions() throws {
    let odd = Fixtures.odd
    var position = Position(slot: 0, instrument: odd)
    _ = try position.apply(odd.fill(.sell, "1.50", at: "1.2345"), instrument: odd)
    // 1.50 * 1.2345 * 2.5 = 4.629375
    #expect(position.marketValue(mark: odd.px("1.2345"), instrument: odd) == usd("-4.63"))
    // (1.2345 - 1.2001) * 1.50 * 2.5 = 0.129
    #expect(position.unrealizedPnL(mark: odd.px("1.2001"), instrument: odd) == usd("0.13"))
    let change = try position.apply(odd.fill(.buy, "1.50", at: "1.2001"), instrument: odd)
    #expect(change.realizedPnL == usd("0.13"))
  }
}
