import HostTestKit
import Store
import Testing
import TradingModel

/// The journal between the kernel thread and the store: order kept through the ring and its
/// overflow, the reserve that stops new orders, a failing store kept and retried.
@Suite struct JournalTests {
  static func event(_ id: UInt64) -> JournalRecord {
    .orderEvent(
      OrderEventRecord(
        time: Int64(id), clientOrderID: id, slot: 0, kind: .accepted,
        leavesQuantity: Quantity(raw: 1, precision: 0)))
  }

  @Test func recordsReachTheStoreInOrderThroughTheRingAndItsOverflow() throws {
    let (store, session) = try FailingStore.ready()
    let journal = Journal(store: store, session: session, capacity: 8)
    // The writer is not started: the ring fills and the rest overflows, in order.
    let records = (1...100).map { Self.event(UInt64($0)) }
    for record in records { journal.record(record) }
    #expect(journal.overflowed == 92)
    #expect(!journal.acceptsOrders)
    try journal.start()
    #expect(journal.close(stoppedAt: 500) == nil)
    #expect(store.inner.records.map(\.record) == records + [.stop(time: 500)])
    #expect(journal.committedCount == 101)
  }

  @Test func newOrdersStopWhileFewerThanTheReserveAreFree() throws {
    let (store, session) = try FailingStore.ready()
    let journal = Journal(store: store, session: session, capacity: 8, reserve: 2)
    for id in 1...6 { journal.record(Self.event(UInt64(id))) }
    #expect(journal.acceptsOrders)
    let last = journal.record(Self.event(7))
    #expect(!journal.acceptsOrders)
    try journal.start()
    #expect(journal.awaitDurable(last))
    #expect(journal.acceptsOrders)
    #expect(journal.close(stoppedAt: 9) == nil)
  }

  @Test func aFailingStoreStopsOrdersKeepsTheBatchAndRecovers() throws {
    let (store, session) = try FailingStore.ready()
    store.failing = .full
    let journal = Journal(store: store, session: session, intervalNanoseconds: 100_000)
    try journal.start()
    let first = journal.record(Self.event(1))
    #expect(!journal.awaitDurable(first))
    #expect(journal.isFailing)
    #expect(!journal.acceptsOrders)
    #expect(journal.failure?.kind == .full)
    journal.record(Self.event(2))
    store.failing = nil
    // The writer's last pass at close writes what it kept, in order.
    #expect(journal.close(stoppedAt: 3) == nil)
    #expect(store.inner.records.map(\.record) == [Self.event(1), Self.event(2), .stop(time: 3)])
  }

  @Test func recordsTheStoreNeverTookAreCountedAtClose() throws {
    let (store, session) = try FailingStore.ready()
    store.failing = .unreachable
    let journal = Journal(store: store, session: session)
    try journal.start()
    journal.record(Self.event(1))
    let error = try #require(journal.close(stoppedAt: 2))
    #expect(error.kind == .unreachable)
    #expect(error.description == "failing store: 2 journal records could not be written (the disk is full (a test's))")
    #expect(store.inner.records.isEmpty)
  }
}
