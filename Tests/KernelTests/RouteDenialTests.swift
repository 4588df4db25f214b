import CTradeHostPlugin
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
