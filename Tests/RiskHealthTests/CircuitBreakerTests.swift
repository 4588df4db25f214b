import Testing

@testable import RiskHealth

private let second = TestTime.second
private let millisecond = TestTime.millisecond
private let t0 = TestTime.start

@Suite("CircuitBreaker")
struct CircuitBreakerTests {
  /// 10 s window in 1 s buckets, 10 samples at least, trips at half bad, 5 s cooldown doubling up
  /// to 20 s, 3 good probes to close.
  static let policy = CircuitBreaker.Policy(
    windowNanos: 10 * second, windowBuckets: 10, minimumSamples: 10, tripRatio: 0.5,
    cooldownNanos: 5 * second, probeSuccesses: 3, maxCooldownNanos: 20 * second)

  /// Records `samples` at `time` and returns the transitions they caused.
  private static func feed(
    _ breaker: inout CircuitBreaker, _ samples: [Bool], at time: Int64
  ) -> [BreakerTransition] {
    samples.compactMap { breaker.record(good: $0, at: time) }
  }

  /// A breaker tripped at `t0` by ten bad samples.
  private static func tripped() throws -> CircuitBreaker {
    var breaker = try CircuitBreaker(policy: policy)
    _ = feed(&breaker, Array(repeating: false, count: 10), at: t0)
    return breaker
  }

  @Test("a policy reports every problem at once")
  func validation() throws {
    let bad = CircuitBreaker.Policy(
      windowNanos: 0, windowBuckets: 0, minimumSamples: 0, tripRatio: .nan, cooldownNanos: 0,
      probeSuccesses: 0, maxCooldownNanos: -1)
    #expect(bad.problems.count == 6)
    #expect(
      bad.problems.map(\.description) == [
        "windowNanos is 0; it must be at least 1",
        "windowBuckets is 0; it must be at least 1",
        "minimumSamples is 0; it must be at least 1",
        "tripRatio is nan; it must be above 0 and at most 1",
        "cooldownNanos is 0; it must be at least 1",
        "probeSuccesses is 0; it must be at least 1",
      ])
    var policy = Self.policy
    policy.tripRatio = 0
    policy.maxCooldownNanos = 4 * second
    policy.windowBuckets = 3
    #expect(
      throws: HealthConfigurationError(problems: [
        .windowNotDivisible(field: "windowNanos", windowNanos: 10 * second, buckets: 3),
        .ratioOutOfRange(field: "tripRatio", value: 0),
        .maxCooldownBelowCooldown(cooldownNanos: 5 * second, maxCooldownNanos: 4 * second),
      ])
    ) { try CircuitBreaker(policy: policy) }
    policy = Self.policy
    policy.tripRatio = 1.000_001
    #expect(policy.problems == [.ratioOutOfRange(field: "tripRatio", value: 1.000_001)])
    policy.tripRatio = 1
    policy.maxCooldownNanos = policy.cooldownNanos
    #expect(policy.problems.isEmpty)
    #expect(Self.policy.problems.isEmpty)
  }

  @Test("does not trip below minimumSamples, even when every sample is bad")
  func minimumSamples() throws {
    var breaker = try CircuitBreaker(policy: Self.policy)
    let early = Self.feed(&breaker, Array(repeating: false, count: 9), at: t0)
    let state = breaker.state(at: t0)
    let trip = breaker.record(good: false, at: t0 + 1)
    #expect(early.isEmpty)
    #expect(state == .closed)
    #expect(
      trip
        == BreakerTransition(
          from: .closed, to: .open, at: t0 + 1, badSamples: 10, totalSamples: 10,
          cooldownNanos: 5 * second))
  }

  @Test("trips exactly at the trip ratio, not one bad sample below it")
  func ratioBoundary() throws {
    var policy = Self.policy
    policy.tripRatio = 0.3
    var breaker = try CircuitBreaker(policy: policy)
    // 2 bad of 10 (0.2), then 2 of 11, then 3 of 12 (0.25), then 4 of 13 (0.307...).
    let below = Self.feed(&breaker, [false, false] + Array(repeating: true, count: 9), at: t0)
    let still = breaker.record(good: false, at: t0)
    let trip = breaker.record(good: false, at: t0)
    #expect(below.isEmpty)
    #expect(still == nil)
    #expect(trip?.badSamples == 4 && trip?.totalSamples == 13 && trip?.to == .open)

    var exact = try CircuitBreaker(policy: policy)  // 3 of 10 is exactly 0.3
    let nine = Self.feed(&exact, Array(repeating: true, count: 7) + [false, false], at: t0)
    let tenth = exact.record(good: false, at: t0)
    #expect(nine.isEmpty)
    #expect(tenth?.badSamples == 3 && tenth?.totalSamples == 10)
  }

  @Test("stays open for the cooldown, ignoring samples, then goes half-open once")
  func cooldown() throws {
    var breaker = try Self.tripped()
    let ignored = Self.feed(&breaker, Array(repeating: true, count: 20), at: t0 + 4 * second)
    let early = breaker.poll(at: t0 + 5 * second - 1)
    let endsAt = breaker.cooldownEndsAt
    let stateBefore = breaker.state(at: t0 + 5 * second - 1)
    let move = breaker.poll(at: t0 + 5 * second)
    let again = breaker.poll(at: t0 + 5 * second)
    let stateAfter = breaker.state(at: t0 + 5 * second)
    #expect(ignored.isEmpty)
    #expect(early == nil)
    #expect(endsAt == t0 + 5 * second)
    #expect(stateBefore == .open)
    #expect(
      move
        == BreakerTransition(
          from: .open, to: .halfOpen, at: t0 + 5 * second, badSamples: 10, totalSamples: 10,
          cooldownNanos: 5 * second))
    #expect(again == nil)
    #expect(stateAfter == .halfOpen)
    #expect(breaker.cooldownEndsAt == nil)
  }

  @Test("state(at:) moves an open breaker to half-open too")
  func stateMoves() throws {
    var breaker = try Self.tripped()
    let state = breaker.state(at: t0 + 6 * second)
    let poll = breaker.poll(at: t0 + 6 * second)
    #expect(state == .halfOpen)
    #expect(poll == nil)  // already moved
  }

  @Test("closes after probeSuccesses good probes, with an empty window and the base cooldown")
  func closesAfterProbes() throws {
    var breaker = try Self.tripped()
    _ = breaker.poll(at: t0 + 5 * second)
    let two = Self.feed(&breaker, [true, true], at: t0 + 5 * second)
    let progress = breaker.probeSuccessCount
    let close = breaker.record(good: true, at: t0 + 6 * second)
    let counts = [breaker.badCount(at: t0 + 6 * second), breaker.totalCount(at: t0 + 6 * second)]
    let state = breaker.state(at: t0 + 6 * second)
    #expect(two.isEmpty)
    #expect(progress == 2)
    #expect(
      close
        == BreakerTransition(
          from: .halfOpen, to: .closed, at: t0 + 6 * second, badSamples: 0, totalSamples: 3,
          cooldownNanos: 5 * second))
    #expect(counts == [0, 0])
    #expect(state == .closed)
    #expect(breaker.probeSuccessCount == 0)
  }

  @Test("one bad probe re-opens; the cooldown doubles up to the cap and closing resets it")
  func cooldownDoubling() throws {
    var breaker = try Self.tripped()
    var time = t0
    var cooldowns: [Int64] = []
    for _ in 0..<4 {
      time += breaker.currentCooldownNanos
      _ = breaker.poll(at: time)
      _ = breaker.record(good: true, at: time)
      let reopen = breaker.record(good: false, at: time)
      #expect(reopen?.from == .halfOpen && reopen?.to == .open)
      #expect(reopen?.badSamples == 1 && reopen?.totalSamples == 2)
      cooldowns.append(reopen?.cooldownNanos ?? 0)
    }
    #expect(cooldowns == [10, 20, 20, 20].map { $0 * second })
    let early = breaker.poll(at: time + 20 * second - 1)
    time += 20 * second
    let half = breaker.poll(at: time)
    let close = Self.feed(&breaker, [true, true, true], at: time).last
    #expect(early == nil)
    #expect(half?.cooldownNanos == 20 * second)
    #expect(close?.to == .closed && close?.cooldownNanos == 5 * second)
    #expect(breaker.currentCooldownNanos == 5 * second)
    _ = Self.feed(&breaker, Array(repeating: false, count: 10), at: time)
    let endsAt = breaker.cooldownEndsAt
    #expect(endsAt == time + 5 * second)
  }

  @Test("after closing it needs minimumSamples fresh samples to trip again")
  func noFlapAfterClosing() throws {
    var breaker = try Self.tripped()
    let time = t0 + 5 * second
    _ = breaker.poll(at: time)
    _ = Self.feed(&breaker, [true, true, true], at: time)
    // The trip's ten bad samples would still be in a 10 s window: closing cleared it.
    let nineBad = Self.feed(&breaker, Array(repeating: false, count: 9), at: time + 1)
    let tenth = breaker.record(good: false, at: time + 2)
    #expect(nineBad.isEmpty)
    #expect(tenth?.from == .closed && tenth?.totalSamples == 10)
  }

  @Test("a ratio oscillating at the trip ratio never closes a half-open breaker, and waits double")
  func noFlapHalfOpen() throws {
    var breaker = try CircuitBreaker(policy: Self.policy)
    var transitions: [BreakerTransition] = []
    var time = t0
    var good = true
    // Alternating samples every 100 ms for ten minutes: the ratio swings around 0.5.
    for _ in 0..<6_000 {
      time += 100 * millisecond
      if let transition = breaker.poll(at: time) { transitions.append(transition) }
      if let transition = breaker.record(good: good, at: time) { transitions.append(transition) }
      good.toggle()
    }
    #expect(transitions.first?.from == .closed)
    #expect(!transitions.contains { $0.to == .closed })
    // Every open period lasts exactly its cooldown (polled every 100 ms, so within 100 ms).
    var cooldowns: [Int64] = []
    for (opened, halfOpened) in zip(transitions, transitions.dropFirst()) where opened.to == .open {
      #expect(halfOpened.to == .halfOpen)
      #expect(halfOpened.at - opened.at >= opened.cooldownNanos)
      #expect(halfOpened.at - opened.at < opened.cooldownNanos + 100 * millisecond)
      cooldowns.append(opened.cooldownNanos)
    }
    #expect(Array(cooldowns.prefix(4)) == [5, 10, 20, 20].map { $0 * second })
    #expect(cooldowns.allSatisfy { $0 <= 20 * second })
    #expect(transitions.count < 70)  // ~600 s / 20 s cycles, not one per sample
  }

  @Test("a steady ratio under the trip ratio never trips a closed breaker")
  func noTripBelowRatio() throws {
    var breaker = try CircuitBreaker(policy: Self.policy)
    var transitions = 0
    var time = t0
    for step in 0..<6_000 {
      time += 100 * millisecond
      // Two bad in every five, the bad ones last: never half bad after 10 samples or more.
      if breaker.record(good: step % 5 < 3, at: time) != nil { transitions += 1 }
    }
    let bad = breaker.badCount(at: time)
    let total = breaker.totalCount(at: time)
    #expect(transitions == 0)
    #expect(total >= 90 && total <= 100)
    #expect(Double(bad) / Double(total) < 0.5 && Double(bad) / Double(total) > 0.3)
  }

  @Test("a latency sample is good up to and including the bound")
  func latency() throws {
    var breaker = try CircuitBreaker(policy: Self.policy)
    for _ in 0..<10 {
      _ = breaker.record(latencyNanos: 5 * millisecond, bound: 5 * millisecond, at: t0)
    }
    let goodOnly = breaker.badCount(at: t0)
    var trip: BreakerTransition?
    for _ in 0..<10 {
      trip =
        trip ?? breaker.record(latencyNanos: 5 * millisecond + 1, bound: 5 * millisecond, at: t0)
    }
    #expect(goodOnly == 0)
    #expect(trip?.badSamples == 10 && trip?.totalSamples == 20)
  }

  @Test("window counts expire, and a gap longer than the window forgets old bad samples")
  func windowAndGaps() throws {
    var breaker = try CircuitBreaker(policy: Self.policy)
    _ = Self.feed(&breaker, Array(repeating: false, count: 9), at: t0)
    let counts = [
      breaker.badCount(at: t0 + 10 * second - 1), breaker.totalCount(at: t0 + 10 * second - 1),
      breaker.badCount(at: t0 + 10 * second), breaker.totalCount(at: t0 + 10 * second),
    ]
    let afterGap = breaker.record(good: false, at: t0 + 3_600 * second)
    #expect(counts == [9, 9, 0, 0])
    #expect(afterGap == nil)  // 1 of 1: below minimumSamples
  }

  @Test("time going backwards counts as the latest time seen")
  func timeBackwards() throws {
    var breaker = try CircuitBreaker(policy: Self.policy)
    _ = Self.feed(&breaker, Array(repeating: false, count: 5), at: t0 + 20 * second)
    let late = Self.feed(&breaker, Array(repeating: false, count: 5), at: t0)  // booked at +20 s
    #expect(late.first?.at == t0 + 20 * second)
    let backwards = breaker.poll(at: t0 + 24 * second)
    let earlier = breaker.state(at: t0)
    let move = breaker.poll(at: t0 + 25 * second)
    let stillHalfOpen = breaker.state(at: t0)
    #expect(backwards == nil)
    #expect(earlier == .open)
    #expect(move?.to == .halfOpen)
    #expect(stillHalfOpen == .halfOpen)
  }

  @Test("an open breaker goes half-open after any gap, however long")
  func longGapWhileOpen() throws {
    var breaker = try Self.tripped()
    let move = breaker.poll(at: .max)
    #expect(move?.to == .halfOpen && move?.at == .max)
  }

  @Test("the transition's description carries its numbers")
  func description() {
    let transition = BreakerTransition(
      from: .closed, to: .open, at: 42, badSamples: 7, totalSamples: 12, cooldownNanos: 5)
    #expect(
      transition.description
        == "breaker closed -> open at 42 ns: 7 bad of 12 samples, cooldown 5 ns")
    #expect(BreakerState.halfOpen.rawValue == 2 && BreakerState.halfOpen.description == "half-open")
  }

  @Test("steady-state calls never grow or move the windows")
  func noGrowth() throws {
    var breaker = try CircuitBreaker(policy: Self.policy)
    let before = breaker.storageFootprints
    var time = t0
    var transitions = 0
    for step in 0..<100_000 {
      time += step % 9_000 == 0 ? 3_600 * second : 50 * millisecond
      if breaker.poll(at: time) != nil { transitions += 1 }
      if breaker.record(good: step % 7 < 3, at: time) != nil { transitions += 1 }
      _ = breaker.badCount(at: time) + breaker.totalCount(at: time)
    }
    #expect(transitions > 10)
    #expect(breaker.storageFootprints == before)
  }
}
