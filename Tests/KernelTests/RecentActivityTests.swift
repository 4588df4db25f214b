import Store
import Testing
import TradingModel

@testable import Kernel

/// The rings behind `/orders` and `/fills`, and the sampled latency histogram behind `/metrics`.
@Suite struct RecentActivityTests {
  @Test func aRingKeepsTheNewestInOrderAndCopiesOut() {
    var ring = Ring<Int>(capacity: 3)
    for value in 1...5 { ring.record(value) }
    #expect(ring.elements() == [3, 4, 5])
    var copy = ring.elements()
    ring.record(6)
    copy.append(99)
    #expect(ring.elements() == [4, 5, 6])
    #expect(Ring<Int>(capacity: 0).elements().isEmpty)
  }

  @Test func ordersCarryTheirLatestEvent() {
    var activity = RecentActivity(orders: 2, fills: 2)
    let order = Order(
      clientOrderID: 7, slot: 0, instrument: 0, side: .buy,
      quantity: Quantity(raw: 5, precision: 0), type: .market, timeInForce: .gtc,
      reduceOnly: false, createdAt: 10)
    activity.record(OrderRecord(order, time: 10))
    #expect(activity.orderLines().first?.latest == nil)
    for (time, kind) in [(Int64(11), OrderEventKind.accepted), (12, .filled)] {
      activity.record(
        OrderEventRecord(
          time: time, clientOrderID: 7, slot: 0, kind: kind,
          leavesQuantity: Quantity(raw: 0, precision: 0)))
    }
    #expect(activity.orderLines().map { $0.latest?.kind } == [.filled])
  }

  @Test func theHistogramSamplesAndBuckets() {
    var histogram = LatencyHistogram(sampleEvery: 50)
    #expect((0..<256).filter { histogram.isDue($0) } == [0, 64, 128, 192])
    histogram.record(100)
    histogram.record(250)
    histogram.record(251)
    histogram.record(1_000_000_000_000)
    #expect(histogram.counts[0] == 2)
    #expect(histogram.counts[1] == 1)
    #expect(histogram.counts[LatencyHistogram.bucketCount - 1] == 1)
    #expect(histogram.count == 4)
    let off = LatencyHistogram(sampleEvery: 0)
    #expect(!(0..<256).contains { off.isDue($0) })
  }
}
