import CTradeHostPlugin
import Risk
import Testing
import TradingModel

@testable import Kernel

/// Per-order caps deny an order over them; position, exposure, leverage and concentration caps
/// shrink an entry to what fits in whole lots, and deny it (with the binding cap's code) when
/// nothing fits. Every limit is tried exactly at its boundary and one lot over it.
///
/// Prices: SPY and IWM at 100.00, QQQ at 50.00; each slot has 100,000 USD unless said otherwise.
@Suite("Order, position and exposure caps")
struct OrderCapTests {
  typealias F = RiskFixture
  static let t0 = RiskFixture.monday

  /// A fixture priced at t0 (SPY 100.00, then QQQ 50.00 and IWM 100.00 when present).
  func priced(
    _ risk: RiskConfiguration, instruments: [Instrument] = [F.spy],
    slots: [SlotSpec] = [F.slot("main")]
  ) throws -> RiskFixture {
    let fixture = try F(risk, instruments: instruments, slots: slots)
    let prices: [Int64] = [10_000, 5_000, 10_000]
    for instrument in instruments {
      fixture.feed(instrument.id, at: Self.t0, close: prices[Int(instrument.id)])
    }
    return fixture
  }

  @Test("max order quantity: at the cap passes, one share over is denied (code 30), not shrunk")
  func maxOrderQuantity() throws {
    let fixture = try priced(
      .only { $0.instrumentDefaults.maxOrderQuantity = Quantity(raw: 10, precision: 0) })
    expectDenied(fixture.buy(11), .maxOrderQuantity)
    expectFilled(fixture.buy(10), 10)
    // A reducing order over the cap is refused too: the strategy asked for something else.
    expectDenied(fixture.sell(11), .maxOrderQuantity)
    expectFilled(fixture.sell(10), 10)
  }

  @Test("the kernel's max order quantity applies when the risk configuration sets none")
  func kernelMaxOrderQuantity() throws {
    let fixture = try F(.unlimited, maxOrderQuantity: [Quantity(raw: 4, precision: 0)])
    fixture.feed(at: Self.t0, close: 10_000)
    expectDenied(fixture.buy(5), .maxOrderQuantity)
    expectFilled(fixture.buy(4), 4)
    // The risk configuration's own cap replaces the kernel's.
    let own = try F(
      .only { $0.instrumentDefaults.maxOrderQuantity = Quantity(raw: 6, precision: 0) },
      maxOrderQuantity: [Quantity(raw: 4, precision: 0)])
    own.feed(at: Self.t0, close: 10_000)
    expectFilled(own.buy(6), 6)
    expectDenied(own.buy(7), .maxOrderQuantity)
  }

  @Test("max order notional (instrument and slot): at the cap passes, over it is denied (110)")
  func maxOrderNotional() throws {
    let instrument = try priced(
      .only { $0.instrumentDefaults.maxOrderNotional = Money(raw: 1_000_00, currency: .usd) })
    expectFilled(instrument.buy(10), 10)
    expectDenied(instrument.buy(11), .maxOrderNotional)
    // A limit order is valued at its own price: 10 at 100.01 is 1,000.10.
    expectDenied(instrument.limit(TH_SIDE_BUY, 10, at: 100.01), .maxOrderNotional)
    #expect(instrument.limit(TH_SIDE_BUY, 10, at: 99.99).accepted)

    let slot = try priced(
      .only { $0.slotDefaults.maxOrderNotional = Money(raw: 500_00, currency: .usd) })
    expectFilled(slot.buy(5), 5)
    expectDenied(slot.buy(6), .maxOrderNotional)
  }

  @Test("max position per instrument: an entry is shrunk to the cap, then denied (111)")
  func maxPosition() throws {
    let fixture = try priced(
      .only { $0.instrumentDefaults.maxPosition = Quantity(raw: 10, precision: 0) })
    expectFilled(fixture.buy(11), 10)
    expectDenied(fixture.buy(1), .maxPosition)
    // From long 10 a sell may go to short 10: 20 of the 25 asked.
    expectFilled(fixture.sell(25), 20)
    #expect(fixture.position() == -10)
    expectDenied(fixture.sell(1), .maxPosition)
    expectFilled(fixture.buy(10), 10)
    #expect(fixture.position() == 0)
    expectFilled(fixture.buy(10), 10)
  }

  @Test("max position counts every slot's absolute position in the instrument")
  func maxPositionAcrossSlots() throws {
    let fixture = try priced(
      .only { $0.instrumentDefaults.maxPosition = Quantity(raw: 10, precision: 0) },
      slots: [F.slot("a"), F.slot("b")])
    expectFilled(fixture.buy(6, slot: 0), 6)
    expectFilled(fixture.buy(5, slot: 1), 4)
    expectDenied(fixture.buy(1, slot: 1), .maxPosition)
    // A short in another slot adds to the absolute sum too: b goes from +4 to -4 at most.
    expectFilled(fixture.sell(20, slot: 1), 8)
    #expect(fixture.position(slot: 1) == -4)
  }

  @Test("an instrument's per-instrument limits replace the defaults")
  func perInstrumentLimits() throws {
    let fixture = try priced(
      .only {
        $0.instrumentDefaults.maxPosition = Quantity(raw: 10, precision: 0)
        var qqq = InstrumentLimits.unlimited
        qqq.maxPosition = Quantity(raw: 3, precision: 0)
        $0.instruments["QQQ.ARCA"] = qqq
      }, instruments: [F.spy, F.qqq])
    expectFilled(fixture.buy(5, instrument: 1), 3)
    expectFilled(fixture.buy(12, instrument: 0), 10)
  }

  @Test("shrinking keeps whole lots; below one lot the order is denied with the cap's code")
  func wholeLots() throws {
    let lots = try Instrument.make(
      id: 0, symbol: "SPY", venue: "ARCA", currency: .usd, pricePrecision: 2,
      lotSize: Quantity(raw: 10, precision: 0)
    ).get()
    let fixture = try F(
      .only { $0.instrumentDefaults.maxPosition = Quantity(raw: 25, precision: 0) },
      instruments: [lots])
    fixture.feed(at: Self.t0, close: 10_000)
    expectFilled(fixture.buy(30), 20)
    expectDenied(fixture.buy(10), .maxPosition)
  }

  @Test("slot max position notional: shrunk to the value cap, then denied (112)")
  func maxSlotPosition() throws {
    let fixture = try priced(
      .only { $0.slotDefaults.maxPositionNotional = Money(raw: 1_000_00, currency: .usd) })
    expectFilled(fixture.buy(11), 10)
    expectDenied(fixture.buy(1), .maxSlotPosition)
    // The cap is per instrument: a limit buy at 99.00 values the position at 990.00, room for 0.
    expectDenied(fixture.limit(TH_SIDE_BUY, 1, at: 99.00), .maxSlotPosition)
  }

  @Test("account gross exposure: the sum of every position's value, shrunk then denied (113)")
  func accountGrossExposure() throws {
    let fixture = try priced(
      .only { $0.account.maxGrossExposure = Money(raw: 2_000_00, currency: .usd) },
      instruments: [F.spy, F.qqq], slots: [F.slot("a"), F.slot("b")])
    expectFilled(fixture.buy(10, slot: 0, instrument: 0), 10)
    // 1,000 left: 20 QQQ at 50.00 of the 25 asked; a short counts by its absolute value.
    expectFilled(fixture.sell(25, slot: 1, instrument: 1), 20)
    expectDenied(fixture.buy(1, slot: 0, instrument: 1), .accountGrossExposure)
    expectDenied(fixture.sell(1, slot: 1, instrument: 1), .accountGrossExposure)
    // Reducing frees room.
    expectFilled(fixture.buy(4, slot: 1, instrument: 1), 4)
    expectFilled(fixture.buy(3, slot: 0, instrument: 0), 2)
  }

  @Test("account net exposure: longs minus shorts, shrunk then denied (114)")
  func accountNetExposure() throws {
    let fixture = try priced(
      .only { $0.account.maxNetExposure = Money(raw: 1_000_00, currency: .usd) },
      instruments: [F.spy, F.qqq])
    expectFilled(fixture.buy(10, instrument: 0), 10)
    expectDenied(fixture.buy(1, instrument: 1), .accountNetExposure)
    // A short lowers the net: -250 leaves room for 2.5 SPY, whole shares: 2.
    expectFilled(fixture.sell(5, instrument: 1), 5)
    expectFilled(fixture.buy(5, instrument: 0), 2)
    expectDenied(fixture.buy(1, instrument: 0), .accountNetExposure)
    // Net short is bounded the same way: from +950 a sell may go down to -1,000.
    expectFilled(fixture.sell(100, instrument: 0), 19)
    #expect(fixture.position(instrument: 0) == -7)
  }

  @Test("slot gross and net exposure bound one slot only (115, 116)")
  func slotExposure() throws {
    let fixture = try priced(
      .only {
        var a = SlotLimits.unlimited
        a.maxGrossExposure = Money(raw: 1_000_00, currency: .usd)
        var b = SlotLimits.unlimited
        b.maxNetExposure = Money(raw: 1_000_00, currency: .usd)
        $0.slots = ["a": a, "b": b]
      }, instruments: [F.spy, F.qqq], slots: [F.slot("a"), F.slot("b"), F.slot("c")])
    expectFilled(fixture.buy(50, slot: 2), 50)
    expectFilled(fixture.buy(6, slot: 0, instrument: 0), 6)
    expectFilled(fixture.sell(10, slot: 0, instrument: 1), 8)
    expectDenied(fixture.buy(1, slot: 0, instrument: 0), .slotGrossExposure)
    expectDenied(fixture.sell(1, slot: 0, instrument: 1), .slotGrossExposure)

    expectFilled(fixture.buy(10, slot: 1, instrument: 0), 10)
    expectDenied(fixture.buy(1, slot: 1, instrument: 1), .slotNetExposure)
    expectFilled(fixture.sell(4, slot: 1, instrument: 1), 4)
    expectFilled(fixture.buy(4, slot: 1, instrument: 0), 2)
  }

  @Test("account leverage: gross over equity, shrunk then denied (117)")
  func accountLeverage() throws {
    let fixture = try priced(.only { $0.account.maxLeverage = 0.5 })
    expectFilled(fixture.buy(501), 500)
    expectDenied(fixture.buy(1), .accountLeverage)
    expectFilled(fixture.sell(1), 1)
    expectFilled(fixture.buy(1), 1)
  }

  @Test("slot leverage: the slot's gross over the slot's own equity (118)")
  func slotLeverage() throws {
    let fixture = try priced(
      .only {
        var a = SlotLimits.unlimited
        a.maxLeverage = 0.5
        $0.slots = ["a": a]
      }, slots: [F.slot("a", dollars: 50_000), F.slot("b")])
    // 0.5 x 50,000 = 25,000: 250 shares, whatever the account's 150,000.
    expectFilled(fixture.buy(300, slot: 0), 250)
    expectDenied(fixture.buy(1, slot: 0), .slotLeverage)
    expectFilled(fixture.buy(300, slot: 1), 300)
  }

  @Test("symbol concentration: an instrument's gross across slots over account equity (119)")
  func symbolConcentration() throws {
    let fixture = try priced(
      .only { $0.account.maxSymbolConcentration = 0.05 }, instruments: [F.spy, F.qqq],
      slots: [F.slot("a", dollars: 50_000), F.slot("b", dollars: 50_000)])
    // 5% of 100,000 is 5,000: 50 SPY in all.
    expectFilled(fixture.buy(30, slot: 0), 30)
    expectFilled(fixture.sell(30, slot: 1), 20)
    expectDenied(fixture.sell(1, slot: 1), .symbolConcentration)
    expectDenied(fixture.buy(1, slot: 0), .symbolConcentration)
    // Another instrument has its own 5%.
    expectFilled(fixture.buy(101, slot: 0, instrument: 1), 100)
  }

  @Test("venue concentration: a venue's gross over account equity (120)")
  func venueConcentration() throws {
    let fixture = try priced(
      .only { $0.account.maxVenueConcentration = 0.10 }, instruments: [F.spy, F.qqq, F.iwm])
    // 10% of 100,000 is 10,000 per venue: SPY and QQQ share ARCA's, IWM has BATS's.
    expectFilled(fixture.buy(60, instrument: 0), 60)
    expectFilled(fixture.buy(100, instrument: 1), 80)
    expectDenied(fixture.buy(1, instrument: 1), .venueConcentration)
    expectDenied(fixture.buy(1, instrument: 0), .venueConcentration)
    expectFilled(fixture.buy(100, instrument: 2), 100)
    expectDenied(fixture.buy(1, instrument: 2), .venueConcentration)
  }

  @Test("strategy concentration: a slot's gross over the account's equity (121)")
  func strategyConcentration() throws {
    let fixture = try priced(
      .only {
        var a = SlotLimits.unlimited
        a.maxConcentration = 0.30
        $0.slots = ["a": a]
      }, slots: [F.slot("a"), F.slot("b")])
    // 30% of the account's 200,000 is 60,000: 600 shares for slot a.
    expectFilled(fixture.buy(601, slot: 0), 600)
    expectDenied(fixture.buy(1, slot: 0), .strategyConcentration)
    expectFilled(fixture.buy(700, slot: 1), 700)
  }

  @Test("the tightest cap binds and names the denial")
  func tightestBinds() throws {
    let fixture = try priced(
      .only {
        $0.instrumentDefaults.maxPosition = Quantity(raw: 40, precision: 0)
        $0.slotDefaults.maxPositionNotional = Money(raw: 3_000_00, currency: .usd)
        $0.account.maxGrossExposure = Money(raw: 5_000_00, currency: .usd)
      })
    expectFilled(fixture.buy(100), 30)
    expectDenied(fixture.buy(1), .maxSlotPosition)
  }

  @Test(
    "resting orders count against the position cap (two resting entries cannot both fill past it)")
  func restingOrdersCountAgainstCaps() throws {
    let fixture = try priced(
      .only { $0.instrumentDefaults.maxPosition = Quantity(raw: 10, precision: 0) })
    #expect(fixture.limit(TH_SIDE_BUY, 10, at: 99.00).accepted)
    // The position is still flat, but 10 are already working: a second resting 10 would take
    // the position to 20 once both fill.
    let again = fixture.limit(TH_SIDE_BUY, 10, at: 99.00)
    fixture.feed(at: Self.t0 + second, close: 9_900)
    #expect(
      fixture.position() <= 10,
      "resting entries filled the position past its cap (second entry: \(again.reason ?? "approved"))"
    )
  }
}
