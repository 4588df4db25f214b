import Testing

@testable import RiskHealth

private let second = TestTime.second
private let t0 = TestTime.start

@Suite("CircuitBreaker: samples recorded in batches")
struct CircuitBreakerBatchTests {
  static let policy = CircuitBreaker.Policy(
    windowNanos: 10 * second, windowBuckets: 10, minimumSamples: 10, tripRatio: 0.5,
    cooldownNanos: 5 * second, probeSuccesses: 3, maxCooldownNanos: 20 * second)

  @Test("closed: a batch counts like its samples one by one, the ratio checked after all")
  func closedBatch() throws {
    var batched = try CircuitBreaker(policy: Self.policy)
    var single = try CircuitBreaker(policy: Self.policy)
    #expect(batched.record(goodCount: 6, badCount: 3, at: t0) == nil)
    for good in Array(repeating: true, count: 6) + Array(repeating: false, count: 3) {
      #expect(single.record(good: good, at: t0) == nil)
    }
    #expect(batched.totalCount(at: t0) == single.totalCount(at: t0))
    #expect(batched.badCount(at: t0) == 3)
    // Two more bad: 5 of 11 is below half; a third makes 6 of 12 and trips.
    #expect(batched.record(goodCount: 0, badCount: 2, at: t0 + second) == nil)
    let transition = batched.record(goodCount: 0, badCount: 1, at: t0 + second)
    let trip = try #require(transition)
    #expect(trip.to == .open && trip.badSamples == 6 && trip.totalSamples == 12)
    #expect(batched.record(goodCount: 0, badCount: 0, at: t0 + second) == nil)
  }

  @Test("half-open: a batch of good probes closes it; a batch holding a bad sample re-opens it")
  func halfOpenBatch() throws {
    var breaker = try CircuitBreaker(policy: Self.policy)
    _ = breaker.record(goodCount: 0, badCount: 10, at: t0)
    #expect(breaker.poll(at: t0 + 5 * second)?.to == .halfOpen)
    let reopening = breaker.record(goodCount: 2, badCount: 1, at: t0 + 5 * second)
    let reopened = try #require(reopening)
    #expect(reopened.to == .open)
    #expect(breaker.currentCooldownNanos == 10 * second)
    #expect(breaker.poll(at: t0 + 15 * second)?.to == .halfOpen)
    #expect(breaker.record(goodCount: 2, badCount: 0, at: t0 + 15 * second) == nil)
    let closing = breaker.record(goodCount: 5, badCount: 0, at: t0 + 15 * second)
    let closed = try #require(closing)
    #expect(closed.to == .closed && closed.totalSamples == 3)
    #expect(breaker.currentCooldownNanos == 5 * second)
  }
}
