import CTradeHostPlugin
import HostTestKit
import Store
import Testing
import TradingModel

@testable import Kernel

/// The kernel's write-ahead journal: every order is journaled before its venue sees it (and, for
/// a venue outside the process, durable first), events and fills follow in order, and while the
/// journal cannot take more the kernel denies new orders (47) instead of trading unjournaled.
@Suite("Kernel journal")
struct KernelJournalTests {
  /// A venue outside the process: it takes every order, and notes, when one arrives, whether
  /// the journal's store already holds it.
  final class OutsideVenue: Venue {
    let store: FailingStore
    var sawJournaled: [Bool] = []

    init(store: FailingStore) { self.store = store }

    var name: String { "outside" }
    var capabilities: VenueCapabilities {
      VenueCapabilities(orderTypes: .all, timesInForce: .all, features: [.reduceOnly])
    }
    var needsPolling: Bool { false }

    func submit(_ order: Order, at now: Int64, immediate: Bool, sink: some VenueSink) {
      sawJournaled.append(
        store.inner.records.contains {
          if case .order(let record) = $0.record { return record.clientOrderID == order.clientOrderID }
          return false
        })
      sink.venueAccepted(order)
    }
    func cancel(_ clientOrderID: ClientOrderID, at now: Int64, sink: some VenueSink) -> Bool {
      false
    }
    func cancelAll(
      slot: SlotID?, instrument: InstrumentID?, reason: StaticString, at now: Int64,
      sink: some VenueSink
    ) -> Int { 0 }
    func marketEvent(_ event: MarketEvent, sink: some VenueSink) {}
    func poll(at now: Int64, sink: some VenueSink) {}
    func hasReference(_ instrument: InstrumentID) -> Bool { true }
    func openOrderSlot(_ clientOrderID: ClientOrderID) -> SlotID? { nil }
    func amend(
      _ clientOrderID: ClientOrderID, to amendment: OrderAmendment, at now: Int64,
      sink: some VenueSink
    ) -> Bool { false }
    func openOrder(_ clientOrderID: ClientOrderID) -> Order? { nil }
  }

  @Test("an order is journaled before its fill, and its events follow in order")
  func ordersThenEventsThenFills() throws {
    let (store, session) = try FailingStore.ready()
    let journal = Journal(store: store, session: session)
    try journal.start()
    let kernel = try KernelFixture.kernel()
    kernel.journal = journal
    kernel.process(KernelFixture.bar(1_000, close: 10_000))
    _ = KernelFixture.submit(KernelFixture.intent(quantity: 2), to: kernel)
    kernel.process(KernelFixture.bar(2_000, close: 10_100))
    _ = KernelFixture.submit(KernelFixture.intent(quantity: -1), to: kernel)
    #expect(journal.close(stoppedAt: 3_000) == nil)
    let kinds: [String] = store.inner.records.map {
      switch $0.record {
      case .order(let order): "order \(order.clientOrderID)"
      case .orderEvent(let event): "\(event.kind) \(event.clientOrderID)"
      case .fill(let fill): "fill \(fill.clientOrderID) \(fill.price.raw)"
      case .stop: "stop"
      default: "other"
      }
    }
    #expect(
      kinds == [
        "order 1", "accepted 1", "fill 1 10000", "filled 1", "denied 2", "stop",
      ])
  }

  @Test("an amend is journaled with its new numbers, then its event; a refused one as an event")
  func amendsAreJournaled() throws {
    let (store, session) = try FailingStore.ready()
    let journal = Journal(store: store, session: session)
    try journal.start()
    let kernel = try KernelFixture.kernel()
    kernel.journal = journal
    kernel.process(KernelFixture.bar(1_000, close: 10_000))
    _ = KernelFixture.submit(
      KernelFixture.intent(type: TH_ORDER_LIMIT, quantity: 2, limit: 99), to: kernel)
    let context = kernel.slots[0].strategy.context
    _ = kernel.amend(1, quantity: 4, limitPrice: 98.5, stopPrice: .nan, from: context)
    _ = kernel.amend(1, quantity: 4, limitPrice: .nan, stopPrice: .nan, from: context)
    #expect(journal.close(stoppedAt: 3_000) == nil)
    let kinds: [String] = store.inner.records.map {
      switch $0.record {
      case .order(let order): "order \(order.clientOrderID)"
      case .orderEvent(let event): "\(event.kind) \(event.clientOrderID) \(event.reasonCode)"
      case .amendment(let amendment):
        "amendment \(amendment.clientOrderID) \(amendment.quantity.raw) \(amendment.type.limitPrice?.raw ?? 0)"
      case .stop: "stop"
      default: "other"
      }
    }
    #expect(
      kinds == [
        "order 1", "accepted 1 0", "amendment 1 4 9850", "amended 1 0", "amendRejected 1 26",
        "stop",
      ])
  }

  @Test("a failed store stops new orders with code 47; nothing reaches the venue unjournaled")
  func failedStoreDeniesOrders() throws {
    let (store, session) = try FailingStore.ready()
    store.failing = .full
    let journal = Journal(store: store, session: session)
    try journal.start()
    let kernel = try KernelFixture.kernel()
    kernel.journal = journal
    kernel.process(KernelFixture.bar(1_000, close: 10_000))
    // Wait for the writer's first failed append: a record that cannot become durable.
    let probe = journal.record(
      .orderEvent(
        OrderEventRecord(
          time: 0, clientOrderID: 0, slot: 0, kind: .accepted,
          leavesQuantity: Quantity(raw: 0, precision: 0))))
    #expect(!journal.awaitDurable(probe))
    let events = KernelFixture.submit(KernelFixture.intent(quantity: 1), to: kernel)
    let denied = try #require(events.first { $0.type == th_order_event_type(TH_EVENT_DENIED) })
    #expect(denied.reason_code == DenialReason.journalUnavailable.code)
    #expect(kernel.counters.orders == 0)
    #expect(kernel.simulator?.openOrderSlot(1) == nil)
    store.failing = nil
    #expect(journal.close(stoppedAt: 2_000) == nil)
  }

  @Test("a venue outside the process gets an order only once its record is durable")
  func outsideVenueWaitsForDurability() throws {
    let (store, session) = try FailingStore.ready()
    let journal = Journal(store: store, session: session)
    try journal.start()
    let venue = OutsideVenue(store: store)
    let kernel = try KernelFixture.kernel(
      venues: VenueRoutes(venues: [venue], byInstrument: [0]))
    kernel.journal = journal
    kernel.process(KernelFixture.bar(1_000, close: 10_000))
    _ = KernelFixture.submit(KernelFixture.intent(quantity: 1), to: kernel)
    _ = KernelFixture.submit(KernelFixture.intent(quantity: 1), to: kernel)
    #expect(venue.sawJournaled == [true, true])
    // The store fails: the next order is journaled but never sent.
    store.failing = .unreachable
    let events = KernelFixture.submit(KernelFixture.intent(quantity: 1), to: kernel)
    #expect(venue.sawJournaled.count == 2)
    let denied = try #require(events.first { $0.type == th_order_event_type(TH_EVENT_DENIED) })
    #expect(denied.reason_code == DenialReason.journalUnavailable.code)
    store.failing = nil
    #expect(journal.close(stoppedAt: 2_000) == nil)
  }
}
