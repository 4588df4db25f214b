import Testing
import TradingModel

@testable import RiskHealth

private let second = TestTime.second
private let t0 = TestTime.start

@Suite("SlidingWindowCounter")
struct SlidingWindowCounterTests {
  private func minuteCounter() throws -> SlidingWindowCounter {
    try SlidingWindowCounter(windowNanos: 60 * second, buckets: 60)
  }

  @Test("refuses a bad geometry, reporting every problem at once")
  func validation() throws {
    #expect(
      throws: HealthConfigurationError(problems: [
        .belowMinimum(field: "windowNanos", value: 0, minimum: 1),
        .belowMinimum(field: "buckets", value: 0, minimum: 1),
      ])
    ) { try SlidingWindowCounter(windowNanos: 0, buckets: 0) }
    #expect(
      throws: HealthConfigurationError(problems: [
        .windowNotDivisible(field: "windowNanos", windowNanos: 60 * second, buckets: 7)
      ])
    ) { try SlidingWindowCounter(windowNanos: 60 * second, buckets: 7) }
    #expect(
      throws: HealthConfigurationError(problems: [
        .windowNotDivisible(field: "windowNanos", windowNanos: 5, buckets: 10)
      ])
    ) { try SlidingWindowCounter(windowNanos: 5, buckets: 10) }
    #expect(
      throws: HealthConfigurationError(problems: [
        .aboveMaximum(field: "buckets", value: 1 << 21, maximum: 1 << 20)
      ])
    ) { try SlidingWindowCounter(windowNanos: 1 << 40, buckets: 1 << 21) }
    let counter = try minuteCounter()
    #expect(counter.bucketNanos == second)
    #expect(counter.bucketCount == 60)
    #expect(counter.windowNanos == 60 * second)
  }

  @Test("sums what was added within the window")
  func sums() throws {
    var counter = try minuteCounter()
    let empty = counter.total(at: t0)
    counter.add(5, at: t0)
    counter.add(7, at: t0 + 1_500_000_000)
    counter.add(-2, at: t0 + 30 * second)
    let total = counter.total(at: t0 + 30 * second)
    #expect([empty, total] == [0, 10])
  }

  @Test("an amount expires at the start of the bucket one window after its own")
  func expiryBoundary() throws {
    var counter = try minuteCounter()
    counter.add(5, at: t0)
    counter.add(3, at: t0 + second / 2)  // same bucket: expires with it, half a second early
    let totals = [counter.total(at: t0 + 60 * second - 1), counter.total(at: t0 + 60 * second)]
    #expect(totals == [8, 0])
  }

  @Test("buckets expire one by one as the window slides")
  func slides() throws {
    var counter = try minuteCounter()
    for offset in 0..<10 { counter.add(1, at: t0 + Int64(offset) * second) }
    var totals = [
      counter.total(at: t0 + 60 * second), counter.total(at: t0 + 64 * second),
      counter.total(at: t0 + 69 * second),
    ]
    counter.add(4, at: t0 + 69 * second)
    totals.append(counter.total(at: t0 + 69 * second))
    #expect(totals == [9, 5, 0, 4])
  }

  @Test("time going backwards counts as the latest time seen")
  func timeBackwards() throws {
    var counter = try minuteCounter()
    counter.add(1, at: t0 + 10 * second)
    counter.add(2, at: t0)  // booked at t0 + 10 s
    let totals = [
      counter.total(at: t0 - 5 * second),
      counter.total(at: t0 + 70 * second - 1),  // had it been booked at t0, it would be gone
      counter.total(at: t0 + 70 * second),
      counter.total(at: t0),  // going back brings nothing back
    ]
    #expect(totals == [3, 3, 0, 0])
  }

  @Test("a gap of a whole window or more empties every bucket")
  func longGaps() throws {
    var counter = try minuteCounter()
    for offset in 0..<60 { counter.add(1, at: t0 + Int64(offset) * second) }
    var totals = [counter.total(at: t0 + 59 * second), counter.total(at: t0 + 118 * second)]
    counter.add(2, at: t0 + 118 * second)
    totals.append(counter.total(at: t0 + 178 * second))
    counter.add(9, at: t0 + 3_600 * second)
    totals.append(counter.total(at: t0 + 3_600 * second))
    counter.add(1, at: .max)  // a jump whose bucket difference does not fit a bucket count
    totals.append(counter.total(at: .max))
    #expect(totals == [60, 1, 0, 9, 1])
  }

  @Test("times before the epoch fall in the right buckets")
  func negativeTimes() throws {
    var counter = try SlidingWindowCounter(windowNanos: 10, buckets: 10)
    counter.add(1, at: -1)  // bucket -1, which expires at bucket 9
    var totals = [counter.total(at: 8), counter.total(at: 9)]
    counter.reset()
    counter.add(1, at: .min)
    totals += [counter.total(at: .min + 9), counter.total(at: .min + 10)]
    #expect(totals == [1, 0, 1, 0])
  }

  @Test("sums past Int64 stay exact inside and clamp on the way out")
  func wideSums() throws {
    var counter = try minuteCounter()
    counter.add(.max, at: t0)
    counter.add(.max, at: t0 + second)
    var totals = [counter.total(at: t0 + second)]
    counter.add(-.max, at: t0 + 2 * second)
    totals += [
      counter.total(at: t0 + 2 * second),  // 2 max - max
      counter.total(at: t0 + 60 * second),  // max - max
      counter.total(at: t0 + 61 * second),  // -max
    ]
    #expect(totals == [.max, .max, 0, -.max])
  }

  @Test("reset forgets the amounts and the latest time seen")
  func reset() throws {
    var counter = try minuteCounter()
    counter.add(5, at: t0 + 100 * second)
    counter.reset()
    var totals = [counter.total(at: t0)]
    counter.add(3, at: t0)
    totals += [counter.total(at: t0 + 59 * second), counter.total(at: t0 + 60 * second)]
    #expect(totals == [0, 3, 0])
  }

  @Test("matches a brute-force model on random times, gaps and backward steps")
  func model() throws {
    var random = SplitMix64(seed: 42)
    var counter = try SlidingWindowCounter(windowNanos: 1_000, buckets: 10)
    var log: [(bucket: Int64, amount: Int64)] = []
    var added = 0
    var latest = Int64.min
    var time: Int64 = -5_000
    var mismatches = 0
    for _ in 0..<20_000 {
      switch random.next() % 20 {
      case 0: time += Int64(random.next() % 3_000)  // sometimes a gap over the window
      case 1: time -= Int64(random.next() % 200)  // sometimes backwards
      default: time += Int64(random.next() % 40)
      }
      latest = max(latest, time)
      let newest = SlidingWindowCounter.floorDivide(latest, by: 100)
      if random.next() % 2 == 0 {
        let amount = Int64(random.next() % 1_000) - 300
        counter.add(amount, at: time)
        log.append((newest, amount))
        added += 1
      }
      log.removeAll { newest - $0.bucket >= 10 }  // expired for good: time never goes back
      let expected = log.reduce(0) { $0 + $1.amount }
      if counter.total(at: time) != expected { mismatches += 1 }
    }
    #expect(mismatches == 0)
    #expect(added > 9_000)
  }

  @Test("steady-state calls never grow or move the ring")
  func noGrowth() throws {
    var counter = try minuteCounter()
    let before = counter.storageFootprint
    var time = t0
    var sum: Int64 = 0
    for step in 0..<100_000 {
      time += step % 1_000 == 0 ? 3_600 * second : 7 * TestTime.millisecond
      counter.add(Int64(step), at: step % 97 == 0 ? time - second : time)
      sum &+= counter.total(at: time)
      if step % 10_000 == 0 { counter.reset() }
    }
    #expect(sum > 0)
    #expect(counter.storageFootprint == before)
  }
}
