import CTradeHostPlugin
import Testing
import TradingModel

@testable import Kernel

@Suite("Intent checks and the minimal risk gate")
struct IntentCheckTests {
  typealias F = KernelFixture

  /// The reason code of the single DENIED event an intent produces (nil when not denied).
  func denial(_ intent: th_order_intent, kernel: Kernel) -> (Int32, String)? {
    let events = F.submit(intent, to: kernel)
    guard events.count == 1, events[0].type == th_order_event_type(TH_EVENT_DENIED) else {
      return nil
    }
    #expect(events[0].client_tag == 77)
    return (events[0].reason_code, String(cString: events[0].reason))
  }

  @Test("bad numbers are refused with a reason, never rounded")
  func badNumbers() throws {
    let kernel = try F.kernel()
    kernel.process(F.bar(1, close: 10_000))
    #expect(
      denial(F.intent(quantity: .nan), kernel: kernel)?.0 == DenialReason.quantityNotFinite.code)
    #expect(
      denial(F.intent(quantity: .infinity), kernel: kernel)?.0
        == DenialReason.quantityNotFinite.code)
    #expect(
      denial(F.intent(quantity: -1), kernel: kernel)?.0 == DenialReason.quantityNotPositive.code)
    #expect(
      denial(F.intent(quantity: 0), kernel: kernel)?.0 == DenialReason.quantityNotPositive.code)
    #expect(denial(F.intent(quantity: 0.5), kernel: kernel)?.0 == DenialReason.quantityOffLot.code)
    #expect(
      denial(F.intent(type: TH_ORDER_LIMIT, quantity: 1, limit: 100.005), kernel: kernel)?.0
        == DenialReason.priceOffTick.code)
    #expect(
      denial(F.intent(type: TH_ORDER_LIMIT, quantity: 1, limit: .nan), kernel: kernel)?.0
        == DenialReason.priceNotFinite.code)
    #expect(
      denial(F.intent(type: TH_ORDER_LIMIT, quantity: 1, limit: -3), kernel: kernel)?.0
        == DenialReason.priceNotPositive.code)
    #expect(
      denial(F.intent(quantity: 1, instrument: 9), kernel: kernel)?.0
        == DenialReason.unknownInstrument.code)
    #expect(
      denial(F.intent(side: 7, quantity: 1), kernel: kernel)?.0 == DenialReason.invalidSide.code)
    #expect(
      denial(F.intent(type: 9, quantity: 1), kernel: kernel)?.0
        == DenialReason.invalidOrderType.code)
    #expect(kernel.counters.denials == 11)
    #expect(kernel.denialsByReason.map { $0.reason.code } == [1, 2, 3, 10, 11, 12, 20, 21, 22])
    #expect(kernel.denialsByReason.map(\.count) == [1, 1, 1, 2, 2, 1, 1, 1, 1])
    #expect(kernel.counters.orders == 0)
    #expect(kernel.portfolio.position(slot: 0, instrument: 0).isFlat)
  }

  @Test("a market order before any price is denied; after a bar it fills at the close")
  func noPriceYet() throws {
    let kernel = try F.kernel()
    #expect(denial(F.intent(quantity: 1), kernel: kernel)?.0 == DenialReason.noMarketPrice.code)
    kernel.process(F.bar(1, close: 10_012))
    let events = F.submit(F.intent(quantity: 3), to: kernel)
    #expect(
      events.map(\.type) == [
        th_order_event_type(TH_EVENT_ACCEPTED), th_order_event_type(TH_EVENT_FILLED),
      ])
    #expect(events[1].fill_price == 100.12)
    #expect(events[1].fill_quantity == 3)
    #expect(events[1].leaves_quantity == 0)
    #expect(
      kernel.portfolio.position(slot: 0, instrument: 0).quantity == Quantity(raw: 3, precision: 0))
  }

  @Test("max order quantity and reduce-only are enforced by the gate")
  func gate() throws {
    let kernel = try F.kernel(maxOrderQuantity: 5)
    kernel.process(F.bar(1, close: 10_000))
    #expect(denial(F.intent(quantity: 6), kernel: kernel)?.0 == DenialReason.maxOrderQuantity.code)
    #expect(
      denial(F.intent(quantity: 1, flags: UInt32(TH_ORDER_FLAG_REDUCE_ONLY)), kernel: kernel)?.0
        == DenialReason.reduceOnlyWouldIncrease.code)
    #expect(denial(F.intent(quantity: 5), kernel: kernel) == nil)
  }

  @Test("stop cancels resting orders, then flattens or keeps positions as configured")
  func stopPolicies() throws {
    for policy in StopPolicy.allCases {
      let kernel = try F.kernel()
      kernel.process(F.bar(1, close: 10_000))
      _ = F.submit(F.intent(side: TH_SIDE_SELL, quantity: 4), to: kernel)
      _ = F.submit(F.intent(type: TH_ORDER_LIMIT, quantity: 1, limit: 90), to: kernel)
      #expect(kernel.simulator?.restingCount == 1)
      kernel.process(F.bar(2, close: 9_900))
      kernel.stop(policy: policy)
      #expect(kernel.simulator?.restingCount == 0)
      let position = kernel.portfolio.position(slot: 0, instrument: 0)
      switch policy {
      case .flatten:
        #expect(position.isFlat)
        // Short 4 from 100.00, bought back at 99.00: +4.00.
        #expect(kernel.portfolio.equity == Money(raw: 100_000_00 + 400, currency: .usd))
      case .keep:
        #expect(position.quantity == Quantity(raw: -4, precision: 0))
      }
      #expect(kernel.portfolio.checkConsistency().isEmpty)
    }
  }
}
