import Testing

@testable import Kernel

@Suite("The denial journal")
struct DenialJournalTests {
  func record(_ order: UInt64) -> DenialRecord {
    DenialRecord(time: Int64(order), slot: 0, instrument: 0, clientOrderID: order, code: 133)
  }

  @Test("readers get each denial once, oldest first, and learn how many the ring lost")
  func ring() {
    var journal = DenialJournal(capacity: 4)
    for order in 1...3 { journal.append(record(UInt64(order))) }
    let first = journal.records(after: 0)
    #expect(first.records.map(\.clientOrderID) == [1, 2, 3])
    #expect(first.missed == 0)
    #expect(journal.records(after: 3).records.isEmpty)
    for order in 4...9 { journal.append(record(UInt64(order))) }
    let second = journal.records(after: 3)
    #expect(second.records.map(\.clientOrderID) == [6, 7, 8, 9])
    #expect(second.missed == 2)
    #expect(journal.total == 9)
  }

  @Test("the kernel journals every denial with its code")
  func kernelJournals() throws {
    let kernel = try KernelFixture.kernel(maxOrderQuantity: 5)
    kernel.process(KernelFixture.bar(1, close: 10_000))
    _ = KernelFixture.submit(KernelFixture.intent(quantity: 6), to: kernel)
    _ = KernelFixture.submit(KernelFixture.intent(quantity: .nan), to: kernel)
    let records = kernel.denialJournal.records(after: 0).records
    #expect(
      records.map(\.code) == [
        DenialReason.maxOrderQuantity.code, DenialReason.quantityNotFinite.code,
      ])
    #expect(kernel.denialReason(code: records[0].code) == .maxOrderQuantity)
  }
}
