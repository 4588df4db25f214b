import CTradeHostPlugin
import Execution
import HostTestKit
import Testing
import TradingModel

@testable import Kernel

/// Amends from a strategy through the kernel (ABI 1.5 `amend_order`): checked, gated, sent to
/// the simulator, and answered with AMENDED or AMEND_REJECTED; the gate's working size follows.
@Suite("Kernel amends")
struct KernelAmendTests {
  /// A gate that approves everything up to `maxQuantity` and tracks the working size the kernel
  /// reports (routed, filled, ended).
  final class WorkingGate: RiskGate {
    var maxQuantity: Int64 = .max
    var working: Int64 = 0
    var checks = 0
    func check(_ order: inout Order, context: RiskContext) -> DenialReason? {
      checks += 1
      return order.quantity.raw > maxQuantity ? .maxOrderQuantity : nil
    }
    func didFill(_ fill: Fill, change: PositionChange) { working -= fill.quantity.raw }
    func orderRouted(_ order: Order) { working += order.quantity.raw }
    func orderEnded(_ order: Order) { working -= order.leavesQuantity.raw }
  }

  static func amend(
    _ id: UInt64, quantity: Double = .nan, limit: Double = .nan, stop: Double = .nan,
    kernel: Kernel
  ) -> (th_status, [th_order_event]) {
    let status = kernel.amend(
      id, quantity: quantity, limitPrice: limit, stopPrice: stop,
      from: kernel.slots[0].strategy.context)
    var events: [th_order_event] = []
    while let pending = kernel.pending.pop() { events.append(pending.event) }
    return (status, events)
  }

  /// A kernel at 100.00 with a resting buy of 5 at 99.00 (order 1).
  static func restingBuy(gate: WorkingGate) throws -> Kernel {
    let kernel = try KernelFixture.kernel(gate: gate)
    kernel.process(KernelFixture.bar(1_000, close: 10_000))
    let events = KernelFixture.submit(
      KernelFixture.intent(type: TH_ORDER_LIMIT, quantity: 5, limit: 99), to: kernel)
    #expect(events.map(\.type) == [th_order_event_type(TH_EVENT_ACCEPTED)])
    return kernel
  }

  @Test("an amend moves the order; one that crosses fills at once; the working size follows")
  func amendThenFill() throws {
    let gate = WorkingGate()
    let kernel = try Self.restingBuy(gate: gate)
    #expect(gate.working == 5)
    var (status, events) = Self.amend(1, quantity: 3, limit: 99.5, kernel: kernel)
    #expect(status == th_status(TH_OK))
    #expect(events.map(\.type) == [th_order_event_type(TH_EVENT_AMENDED)])
    #expect(events.first?.leaves_quantity == 3)
    #expect(gate.working == 3)
    #expect(kernel.simulator?.openOrder(1)?.type == .limit(Price(raw: 9_950, precision: 2)))
    (status, events) = Self.amend(1, limit: 100, kernel: kernel)
    #expect(
      events.map(\.type) == [
        th_order_event_type(TH_EVENT_AMENDED), th_order_event_type(TH_EVENT_FILLED),
      ])
    #expect(events.last?.fill_quantity == 3)
    #expect(gate.working == 0)
    #expect(kernel.portfolio.position(slot: 0, instrument: 0).quantity.raw == 3)
    #expect(kernel.counters.amends == 2)
    // The order is gone now.
    #expect(Self.amend(1, limit: 99, kernel: kernel).0 == th_status(TH_ERR_NOT_FOUND))
  }

  @Test("refusals keep the order and the working size: gate, unchanged, off tick, no quantity left")
  func refusals() throws {
    let gate = WorkingGate()
    gate.maxQuantity = 8
    let kernel = try Self.restingBuy(gate: gate)
    let cases: [(quantity: Double, limit: Double, code: Int32)] = [
      (9, .nan, DenialReason.maxOrderQuantity.code),
      (5, 99, DenialReason.amendUnchanged.code),
      (.nan, 99.001, DenialReason.priceOffTick.code),
      (0, .nan, DenialReason.quantityNotPositive.code),
      (2.5, .nan, DenialReason.quantityOffLot.code),
    ]
    for item in cases {
      let (status, events) = Self.amend(1, quantity: item.quantity, limit: item.limit, kernel: kernel)
      #expect(status == th_status(TH_OK))
      #expect(events.map(\.type) == [th_order_event_type(TH_EVENT_AMEND_REJECTED)])
      #expect(events.first?.reason_code == item.code, "\(item)")
      #expect(events.first?.reason != nil)
    }
    // A stop price for a limit order: the type has none.
    let (_, stopEvents) = Self.amend(1, stop: 98, kernel: kernel)
    #expect(stopEvents.first?.reason_code == DenialReason.amendInvalid.code)
    #expect(gate.working == 5)
    #expect(kernel.simulator?.openOrder(1)?.quantity.raw == 5)
    #expect(kernel.counters.amendRejections == cases.count + 1)
    // Lowering the quantity at the same price reduces risk: no gate check at all.
    let checks = gate.checks
    gate.maxQuantity = 0
    let (_, events) = Self.amend(1, quantity: 4, kernel: kernel)
    #expect(events.map(\.type) == [th_order_event_type(TH_EVENT_AMENDED)])
    #expect(gate.checks == checks)
    #expect(gate.working == 4)
  }

  @Test("a warming instance amends nothing, and another slot's order is not found")
  func ownOrdersOnly() throws {
    let gate = WorkingGate()
    let kernel = try Self.restingBuy(gate: gate)
    let context = kernel.slots[0].strategy.context
    context.warming = true
    #expect(
      kernel.amend(1, quantity: 1, limitPrice: .nan, stopPrice: .nan, from: context)
        == th_status(TH_OK))
    context.warming = false
    #expect(kernel.simulator?.openOrder(1)?.quantity.raw == 5)
    #expect(Self.amend(42, quantity: 1, kernel: kernel).0 == th_status(TH_ERR_NOT_FOUND))
  }
}
