import CTradeHostPlugin
import Execution
import HostTestKit
import Risk
import Testing
import TradingModel

@testable import Kernel

/// The account model (cash, or margin up to a leverage) as the kernel enforces it, whatever the
/// risk gate: one cent-priced share, 100,000 USD.
@Suite("Account model")
struct AccountModelTests {
  static func kernel(
    _ account: AccountModel, gate: (any RiskGate)? = nil, execution: ExecutionConfiguration = .init()
  ) throws -> Kernel {
    var configuration = KernelConfiguration(
      instruments: [KernelFixture.share], currency: .usd,
      slots: [
        SlotSpec(
          name: "main", strategy: "ema-cross", capital: Money(raw: 100_000_00, currency: .usd))
      ], execution: execution)
    configuration.account = account
    return try Kernel(
      configuration: configuration, registry: try TestPlugins.registry(),
      clock: HistoricalClock(), gate: gate, log: KernelLog.discard)
  }

  static func margin(_ leverage: Int64) -> AccountModel {
    .margin(maxLeverage: Leverage(hundredths: leverage * 100))
  }

  static func denial(_ events: [th_order_event]) -> Int32? {
    events.first { $0.type == th_order_event_type(TH_EVENT_DENIED) }?.reason_code
  }

  @Test("under the unlimited risk preset, a margin:2 account denies an order that would lever 10x (19), and takes 2x")
  func marginDeniesWhatTheGateAllows() throws {
    let wrapper = try RiskWrapper(configuration: .unlimited)
    let kernel = try Self.kernel(Self.margin(2), gate: wrapper)
    kernel.process(KernelFixture.bar(1_000, close: 100_00))
    // 10,000 shares at $100 = $1,000,000: ten times the equity.
    let tenTimes = KernelFixture.submit(KernelFixture.intent(quantity: 10_000), to: kernel)
    #expect(Self.denial(tenTimes) == DenialReason.marginLeverage.code)
    #expect(kernel.counters.orders == 0)
    // 2,000 shares = $200,000: exactly twice the equity.
    let twice = KernelFixture.submit(KernelFixture.intent(quantity: 2_000), to: kernel)
    #expect(Self.denial(twice) == nil)
    #expect(kernel.portfolio.position(slot: 0, instrument: 0).quantity.raw == 2_000)
    let more = KernelFixture.submit(KernelFixture.intent(quantity: 1), to: kernel)
    #expect(Self.denial(more) == DenialReason.marginLeverage.code)
    // Reducing always passes, and so does a flip that reaches no further.
    let flip = KernelFixture.submit(
      KernelFixture.intent(side: TH_SIDE_SELL, quantity: 4_000), to: kernel)
    #expect(Self.denial(flip) == nil)
    #expect(kernel.portfolio.position(slot: 0, instrument: 0).quantity.raw == -2_000)
    // The default account is margin with leverage 1.
    let standard = try Self.kernel(.standard, gate: try RiskWrapper(configuration: .unlimited))
    standard.process(KernelFixture.bar(1_000, close: 100_00))
    #expect(
      Self.denial(KernelFixture.submit(KernelFixture.intent(quantity: 1_001), to: standard))
        == DenialReason.marginLeverage.code)
    #expect(
      Self.denial(KernelFixture.submit(KernelFixture.intent(quantity: 1_000), to: standard)) == nil)
  }

  @Test("working orders count against the leverage: two resting buys cannot together pass it")
  func marginCountsWorkingOrders() throws {
    let kernel = try Self.kernel(Self.margin(2))
    kernel.process(KernelFixture.bar(1_000, close: 100_00))
    // Rests below the market: 1,500 x $99 (valued at the limit) = $148,500.
    let first = KernelFixture.submit(
      KernelFixture.intent(type: TH_ORDER_LIMIT, quantity: 1_500, limit: 99), to: kernel)
    #expect(Self.denial(first) == nil)
    #expect(kernel.portfolio.position(slot: 0, instrument: 0).isFlat)
    // 600 more at $99 would make $207,900 of the $200,000 allowed.
    let second = KernelFixture.submit(
      KernelFixture.intent(type: TH_ORDER_LIMIT, quantity: 600, limit: 99), to: kernel)
    #expect(Self.denial(second) == DenialReason.marginLeverage.code)
    // Cancelled, the first frees its room.
    let id = try #require(first.first).client_order_id
    #expect(kernel.cancel(id, from: kernel.slots[0].strategy.context) == th_status(TH_OK))
    while kernel.pending.pop() != nil {}
    let third = KernelFixture.submit(
      KernelFixture.intent(type: TH_ORDER_LIMIT, quantity: 600, limit: 99), to: kernel)
    #expect(Self.denial(third) == nil)
  }

  @Test("a cash account cannot go short: a sell beyond what the slot holds, working sells counted, is denied (18)")
  func cashCannotShort() throws {
    let kernel = try Self.kernel(.cash, gate: try RiskWrapper(configuration: .unlimited))
    kernel.process(KernelFixture.bar(1_000, close: 100_00))
    let naked = KernelFixture.submit(
      KernelFixture.intent(side: TH_SIDE_SELL, quantity: 1), to: kernel)
    #expect(Self.denial(naked) == DenialReason.cashShortSale.code)
    #expect(Self.denial(KernelFixture.submit(KernelFixture.intent(quantity: 10), to: kernel)) == nil)
    // A resting sell of 6 holds 6 of the 10; a second sell of 5 would go short.
    let resting = KernelFixture.submit(
      KernelFixture.intent(side: TH_SIDE_SELL, type: TH_ORDER_LIMIT, quantity: 6, limit: 101),
      to: kernel)
    #expect(Self.denial(resting) == nil)
    let second = KernelFixture.submit(
      KernelFixture.intent(side: TH_SIDE_SELL, quantity: 5), to: kernel)
    #expect(Self.denial(second) == DenialReason.cashShortSale.code)
    let fits = KernelFixture.submit(
      KernelFixture.intent(side: TH_SIDE_SELL, quantity: 4), to: kernel)
    #expect(Self.denial(fits) == nil)
    #expect(kernel.portfolio.position(slot: 0, instrument: 0).quantity.raw == 6)
  }

  @Test("a cash account cannot overspend: the cost with its fee and the working buys must fit the cash left (17)")
  func cashCannotOverspend() throws {
    // A 10 bp taker fee: 1,000 shares at $100 cost $100,000 + $100.
    let fees = ExecutionConfiguration(fees: FeeSchedule(taker: BasisPoints(hundredths: 1_000)))
    let kernel = try Self.kernel(.cash, execution: fees)
    kernel.process(KernelFixture.bar(1_000, close: 100_00))
    let all = KernelFixture.submit(KernelFixture.intent(quantity: 1_000), to: kernel)
    #expect(Self.denial(all) == DenialReason.cashInsufficient.code, "the fee does not fit")
    let most = KernelFixture.submit(KernelFixture.intent(quantity: 990), to: kernel)
    #expect(Self.denial(most) == nil)
    // $100,000 − $99,000 − $99 fee = $901 left: 9 shares fit ($900.90), 10 do not.
    #expect(
      Self.denial(KernelFixture.submit(KernelFixture.intent(quantity: 10), to: kernel))
        == DenialReason.cashInsufficient.code)
    // A resting buy holds its cost: 5 at $99 ($495.50 with its fee) leaves $405.50.
    let resting = KernelFixture.submit(
      KernelFixture.intent(type: TH_ORDER_LIMIT, quantity: 5, limit: 99), to: kernel)
    #expect(Self.denial(resting) == nil)
    #expect(
      Self.denial(KernelFixture.submit(KernelFixture.intent(quantity: 5), to: kernel))
        == DenialReason.cashInsufficient.code)
    #expect(Self.denial(KernelFixture.submit(KernelFixture.intent(quantity: 4), to: kernel)) == nil)
    // Selling frees the proceeds.
    #expect(
      Self.denial(
        KernelFixture.submit(KernelFixture.intent(side: TH_SIDE_SELL, quantity: 500), to: kernel))
        == nil)
    #expect(Self.denial(KernelFixture.submit(KernelFixture.intent(quantity: 400), to: kernel)) == nil)
  }

  @Test("partial fills: a buy that fills 10 shares per bar holds the cash of its unfilled part only, until it ends")
  func partialFillsRelease() throws {
    // At most 10 % of a bar's volume (100) fills per bar.
    var execution = ExecutionConfiguration()
    execution.participation = BasisPoints(hundredths: 1_000_00)
    let kernel = try Self.kernel(.cash, execution: execution)
    kernel.process(KernelFixture.bar(1_000, close: 100_00))
    // 980 shares at $100 hold $98,000 of the $100,000.
    let order = KernelFixture.submit(
      KernelFixture.intent(type: TH_ORDER_LIMIT, quantity: 980, limit: 100), to: kernel)
    #expect(Self.denial(order) == nil)
    let id = try #require(order.first).client_order_id
    let filled = kernel.portfolio.position(slot: 0, instrument: 0).quantity.raw
    #expect(filled < 980, "a partial fill")
    #expect(kernel.accountGuard.workingBuys[0] == 980 - filled)
    for step in 1...3 { kernel.process(KernelFixture.bar(1_000 + Int64(step), close: 100_00)) }
    while kernel.pending.pop() != nil {}
    let held = kernel.portfolio.position(slot: 0, instrument: 0).quantity.raw
    #expect(held > filled)
    #expect(kernel.accountGuard.workingBuys[0] == 980 - held)
    // Paid or held: $98,000 either way; 21 more shares never fit, 20 do.
    #expect(
      Self.denial(KernelFixture.submit(KernelFixture.intent(quantity: 21), to: kernel))
        == DenialReason.cashInsufficient.code)
    #expect(kernel.cancel(id, from: kernel.slots[0].strategy.context) == th_status(TH_OK))
    while kernel.pending.pop() != nil {}
    #expect(kernel.accountGuard.workingBuys[0] == 0 && kernel.accountGuard.reserved[0] == 0)
    // Cancelled, only what filled is spent.
    let room = 1_000 - held
    #expect(
      Self.denial(KernelFixture.submit(KernelFixture.intent(quantity: Double(room)), to: kernel))
        == nil)
  }

  @Test(
    "property: under a cash account, across random order sequences and prices, cash never goes negative and no position goes short",
    arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
  func cashInvariants(seed: UInt64) throws {
    var random = SeededGenerator(seed: seed)
    var execution = ExecutionConfiguration()
    if seed.isMultiple(of: 2) {
      execution.participation = BasisPoints(hundredths: 2_000_00)
    }
    let kernel = try Self.kernel(.cash, gate: try RiskWrapper(configuration: .unlimited),
      execution: execution)
    var cents: Int64 = 100_00
    var denials = 0
    var fills = 0
    for step in 0..<400 {
      cents = max(1_00, cents + Int64.random(in: -300...300, using: &random))
      kernel.process(KernelFixture.bar(1_000 + Int64(step), close: cents))
      for _ in 0..<Int.random(in: 0...3, using: &random) {
        let buy = Bool.random(using: &random)
        let limit = Bool.random(using: &random)
        let price = Double(cents + Int64.random(in: -200...200, using: &random)) / 100
        let intent = KernelFixture.intent(
          side: buy ? TH_SIDE_BUY : TH_SIDE_SELL, type: limit ? TH_ORDER_LIMIT : TH_ORDER_MARKET,
          quantity: Double(Int.random(in: 1...600, using: &random)), limit: limit ? price : 0)
        let events = KernelFixture.submit(intent, to: kernel)
        if Self.denial(events) != nil { denials += 1 }
        fills += events.filter { $0.type == th_order_event_type(TH_EVENT_FILLED) }.count
        if Int.random(in: 0..<4, using: &random) == 0, let resting = events.first {
          _ = kernel.cancel(resting.client_order_id, from: kernel.slots[0].strategy.context)
          while kernel.pending.pop() != nil {}
        }
      }
      let portfolio = kernel.portfolio
      let basis = try #require(portfolio.longCostBasis(slot: 0, exponent: portfolio.ledgerExponent))
      let scale = Int128(10).power(portfolio.ledgerExponent - 2)
      #expect(
        Int128(portfolio.slotCash(0).raw) * scale - basis >= 0,
        "seed \(seed), step \(step): cash \(portfolio.slotCash(0)) below what the longs cost")
      #expect(portfolio.position(slot: 0, instrument: 0).quantity.raw >= 0, "seed \(seed)")
    }
    #expect(denials > 0 && fills > 0, "the sequence tried both sides of the limits")
  }
}

extension Int128 {
  fileprivate func power(_ exponent: Int) -> Int128 {
    (0..<exponent).reduce(1) { value, _ in value * self }
  }
}
