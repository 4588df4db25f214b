import Testing
import TradingModel

@testable import RiskHealth

private let second = TestTime.second
private let millisecond = TestTime.millisecond
private let t0 = TestTime.start

@Suite("RateLimiter")
struct RateLimiterTests {
  /// 3 events per second.
  private func limiter() throws -> RateLimiter {
    try RateLimiter(maxEvents: 3, windowNanos: second)
  }

  @Test("refuses a bad limit, reporting every problem at once")
  func validation() throws {
    #expect(
      throws: HealthConfigurationError(problems: [
        .belowMinimum(field: "maxEvents", value: 0, minimum: 1),
        .belowMinimum(field: "windowNanos", value: -1, minimum: 1),
      ])
    ) { try RateLimiter(maxEvents: 0, windowNanos: -1) }
    #expect(
      throws: HealthConfigurationError(problems: [
        .aboveMaximum(field: "maxEvents", value: (1 << 20) + 1, maximum: 1 << 20)
      ])
    ) { try RateLimiter(maxEvents: (1 << 20) + 1, windowNanos: second) }
    let limiter = try limiter()
    #expect(limiter.maxEvents == 3 && limiter.windowNanos == second)
  }

  @Test("allows exactly maxEvents per window and the next once the oldest has left")
  func boundary() throws {
    var limiter = try limiter()
    let answers = [
      limiter.allow(at: t0),
      limiter.allow(at: t0 + 100 * millisecond),
      limiter.allow(at: t0 + 200 * millisecond),
      limiter.allow(at: t0 + 500 * millisecond),  // a fourth within the second
      limiter.allow(at: t0 + second - 1),
      limiter.allow(at: t0 + second),  // the event at t0 left: now - t0 == window
      limiter.allow(at: t0 + second + 100 * millisecond - 1),
      limiter.allow(at: t0 + second + 100 * millisecond),
    ]
    #expect(answers == [true, true, true, false, false, true, false, true])
  }

  @Test("no double burst across a window boundary, unlike fixed buckets")
  func noDoubleBurst() throws {
    var limiter = try limiter()
    let late = t0 + 900 * millisecond
    let answers = [
      limiter.allow(at: late), limiter.allow(at: late), limiter.allow(at: late),
      limiter.allow(at: t0 + 1_100 * millisecond),  // a fixed 1 s bucket would allow it
      limiter.allow(at: late + second - 1),
      limiter.allow(at: late + second),
    ]
    #expect(answers == [true, true, true, false, false, true])
  }

  @Test("wouldAllow does not record and a refused event is not recorded")
  func queries() throws {
    var limiter = try limiter()
    let asked = [limiter.wouldAllow(at: t0), limiter.wouldAllow(at: t0)]
    let countAfterAsking = limiter.count(at: t0)
    for _ in 0..<3 { _ = limiter.allow(at: t0) }
    var refused = 0
    for _ in 0..<5 where !limiter.allow(at: t0 + 10) { refused += 1 }
    let countAfterRefusals = limiter.count(at: t0 + 10)
    let later = limiter.allow(at: t0 + second)  // the refusals at t0 + 10 did not count
    #expect(asked == [true, true])
    #expect(countAfterAsking == 0)
    #expect(refused == 5)
    #expect(countAfterRefusals == 3)
    #expect(later)
  }

  @Test("record counts an event over the limit and count follows the window")
  func recordAndCount() throws {
    var limiter = try limiter()
    limiter.record(at: t0)
    limiter.record(at: t0 + 400 * millisecond)
    let two = limiter.count(at: t0 + 400 * millisecond)
    for _ in 0..<3 { limiter.record(at: t0 + 800 * millisecond) }
    let full = limiter.count(at: t0 + 800 * millisecond)  // five recorded, the ring holds 3
    let before = limiter.wouldAllow(at: t0 + 1_800 * millisecond - 1)
    let drained = limiter.count(at: t0 + 1_800 * millisecond)
    let after = limiter.wouldAllow(at: t0 + 1_800 * millisecond)
    #expect([two, full, drained] == [2, 3, 0])
    #expect(!before)
    #expect(after)
  }

  @Test("time going backwards counts as the latest time seen")
  func timeBackwards() throws {
    var limiter = try RateLimiter(maxEvents: 1, windowNanos: second)
    let answers = [
      limiter.allow(at: t0 + 10 * second),
      limiter.allow(at: t0),  // treated as t0 + 10 s, not as a fresh window in the past
      limiter.wouldAllow(at: t0 + 11 * second - 1),
      limiter.allow(at: t0 + 11 * second),
    ]
    limiter.record(at: t0)  // booked at t0 + 11 s
    let counts = [limiter.count(at: t0 + 12 * second - 1), limiter.count(at: t0 + 12 * second)]
    #expect(answers == [true, false, false, true])
    #expect(counts == [1, 0])
  }

  @Test("long gaps and extreme times neither trap nor keep old events")
  func longGaps() throws {
    var limiter = try limiter()
    for _ in 0..<3 { _ = limiter.allow(at: .min) }
    let answers = [limiter.allow(at: .min + second - 1), limiter.allow(at: t0)]
    let afterGap = limiter.count(at: t0)
    for _ in 0..<2 { _ = limiter.allow(at: t0) }
    let atEnd = limiter.allow(at: .max)
    let countAtEnd = limiter.count(at: .max)
    #expect(answers == [false, true])
    #expect(afterGap == 1)
    #expect(atEnd)
    #expect(countAtEnd == 1)
  }

  @Test("reset forgets events and the latest time seen")
  func reset() throws {
    var limiter = try limiter()
    for _ in 0..<3 { _ = limiter.allow(at: t0 + 100 * second) }
    limiter.reset()
    let count = limiter.count(at: t0)
    let answers = [
      limiter.allow(at: t0), limiter.allow(at: t0), limiter.allow(at: t0), limiter.allow(at: t0),
    ]
    #expect(count == 0)
    #expect(answers == [true, true, true, false])
  }

  @Test("matches a brute-force model on random times, gaps and backward steps")
  func model() throws {
    var random = SplitMix64(seed: 7)
    var limiter = try RateLimiter(maxEvents: 5, windowNanos: 1_000)
    var events: [Int64] = []
    var latest = Int64.min
    var time: Int64 = 0
    var mismatches = 0
    var refusals = 0
    for _ in 0..<20_000 {
      switch random.next() % 20 {
      case 0: time += Int64(random.next() % 3_000)
      case 1: time -= Int64(random.next() % 300)
      default: time += Int64(random.next() % 120)
      }
      latest = max(latest, time)
      events.removeAll { latest - $0 >= 1_000 }  // expired for good: time never goes back
      let inWindow = events.filter { latest - $0 < 1_000 }.count
      let allowed = limiter.allow(at: time)
      if allowed { events.append(latest) } else { refusals += 1 }
      let expectedCount = min(events.filter { latest - $0 < 1_000 }.count, 5)
      if allowed != (inWindow < 5) || limiter.count(at: time) != expectedCount {
        mismatches += 1
      }
    }
    #expect(mismatches == 0)
    #expect(refusals > 1_000)
  }

  @Test("steady-state calls never grow or move the ring")
  func noGrowth() throws {
    var limiter = try RateLimiter(maxEvents: 120, windowNanos: 60 * second)
    let before = limiter.storageFootprint
    var time = t0
    var allowed = 0
    for step in 0..<100_000 {
      time += step % 5_000 == 0 ? 3_600 * second : 300 * millisecond
      if limiter.allow(at: time) { allowed += 1 }
      _ = limiter.wouldAllow(at: time)
      if step % 3 == 0 { limiter.record(at: time - second) }
      _ = limiter.count(at: time)
      if step % 40_000 == 0 { limiter.reset() }
    }
    #expect(allowed > 0 && allowed < 100_000)
    #expect(limiter.storageFootprint == before)
  }
}
