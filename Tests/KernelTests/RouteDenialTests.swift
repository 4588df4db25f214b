import CTradeHostPlugin
import HostTestKit
import Testing
import TradingModel

@testable import Kernel

/// What the kernel says when an approved order cannot be routed.
@Suite("Route denials")
struct RouteDenialTests {
  /// A faulty gate: approves, but hands back an order it already marked submitted.
  final class ResubmittingGate: RiskGate {
    func check(_ order: inout Order, context: RiskContext) -> DenialReason? {
      try? order.apply(.submitted, at: context.now)
      return nil
    }
    func didFill(_ fill: Fill, change: PositionChange) {}
  }

  @Test("an order that cannot be marked submitted is denied saying so (46), not as an invalid order type")
  func notSubmittable() throws {
    let kernel = try KernelFixture.kernel(gate: ResubmittingGate())
    kernel.process(KernelFixture.bar(1_000, close: 10_000))
    let events = KernelFixture.submit(KernelFixture.intent(quantity: 1), to: kernel)
    let denied = try #require(events.first { $0.type == th_order_event_type(TH_EVENT_DENIED) })
    #expect(denied.reason_code == DenialReason.notSubmittable.code)
    #expect(String(cString: denied.reason!).contains("not a fresh order"))
    #expect(kernel.counters.orders == 0)
  }
}

@Suite("Intent linkage (ABI 1.2)")
struct IntentLinkageTests {
  @Test("the post-only flag and the parent and OCO links of an intent reach the order")
  func fieldsReachTheOrder() throws {
    let kernel = try KernelFixture.kernel()
    var intent = KernelFixture.intent(
      type: TH_ORDER_LIMIT, quantity: 1, limit: 99, flags: UInt32(TH_ORDER_FLAG_POST_ONLY))
    intent.parent_order_id = 5
    intent.oco_order_id = 6
    guard case .success(let order) = kernel.convert(intent, id: 7, slot: 0, now: 1),
      case .success(let plain) = kernel.convert(
        KernelFixture.intent(quantity: 1), id: 8, slot: 0, now: 1)
    else {
      Issue.record("a valid intent was not converted")
      return
    }
    #expect(order.postOnly && order.parentOrderID == 5 && order.ocoOrderID == 6)
    #expect(!plain.postOnly && !plain.isLinked)
  }

  @Test("a bracket through the kernel: the exits wait for the entry, the take-profit's fill cancels the stop")
  func bracketThroughTheKernel() throws {
    let kernel = try KernelFixture.kernel()
    kernel.process(KernelFixture.bar(1_000, close: 10_000))
    let entry = KernelFixture.submit(KernelFixture.intent(quantity: 2), to: kernel)
    let entryID = try #require(entry.first).client_order_id
    #expect(entry.contains { $0.type == th_order_event_type(TH_EVENT_FILLED) })
    var takeProfit = KernelFixture.intent(
      side: TH_SIDE_SELL, type: TH_ORDER_LIMIT, quantity: 2, limit: 101)
    takeProfit.parent_order_id = entryID
    let takeProfitID = try #require(KernelFixture.submit(takeProfit, to: kernel).first)
      .client_order_id
    var stopLoss = TestIntent.make(side: TH_SIDE_SELL, quantity: 2, type: TH_ORDER_STOP, stop: 99)
    stopLoss.parent_order_id = entryID
    stopLoss.oco_order_id = takeProfitID
    let stopEvents = KernelFixture.submit(stopLoss, to: kernel)
    #expect(stopEvents.map(\.type) == [th_order_event_type(TH_EVENT_ACCEPTED)])
    kernel.process(KernelFixture.bar(2_000, close: 10_100))
    let simulator = try #require(kernel.simulator)
    #expect(simulator.fills(.touch) == 1 && simulator.restingCount == 0)
    #expect(kernel.portfolio.position(slot: 0, instrument: 0).isFlat)
  }
}
