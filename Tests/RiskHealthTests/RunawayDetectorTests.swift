import Testing
import TradingModel

@testable import RiskHealth

private let second = TestTime.second
private let millisecond = TestTime.millisecond
private let minute = TestTime.minute
private let t0 = TestTime.start

@Suite("RunawayDetector")
struct RunawayDetectorTests {
  /// A buy limit order for `quantity` lots of instrument 0 at 100.00.
  private static func signature(quantity: Int64 = 1, price: Int64 = 10_000) -> OrderSignature {
    OrderSignature(instrument: 0, side: .buy, orderType: 2, quantityRaw: quantity, priceRaw: price)
  }

  /// Orders that all differ (so only the velocity bounds apply).
  private static func distinct(_ index: Int) -> OrderSignature {
    signature(quantity: Int64(index) + 1)
  }

  @Test("the standard limits are the documented defaults")
  func standard() throws {
    let limits = RunawayLimits.standard
    #expect(limits.maxOrdersPerMinute == 120)
    #expect(limits.maxFillsPerMinute == 120)
    #expect(limits.maxIdenticalOrders == 10)
    #expect(limits.identicalWindowNanos == 60 * second)
    #expect(limits.maxOrderNotionalPerMinute == nil && limits.maxFillNotionalPerMinute == nil)
    #expect(limits.problems.isEmpty)
    let detector = try RunawayDetector()
    #expect(detector.limits == .standard)
  }

  @Test("limits report every problem at once")
  func validation() {
    let limits = RunawayLimits(
      maxOrdersPerMinute: 0, maxOrderNotionalPerMinute: 0, maxFillsPerMinute: -1,
      maxFillNotionalPerMinute: -5, maxIdenticalOrders: (1 << 20) + 1, identicalWindowNanos: 0)
    #expect(
      throws: HealthConfigurationError(problems: [
        .belowMinimum(field: "maxOrdersPerMinute", value: 0, minimum: 1),
        .belowMinimum(field: "maxOrderNotionalPerMinute", value: 0, minimum: 1),
        .belowMinimum(field: "maxFillsPerMinute", value: -1, minimum: 1),
        .belowMinimum(field: "maxFillNotionalPerMinute", value: -5, minimum: 1),
        .aboveMaximum(field: "maxIdenticalOrders", value: (1 << 20) + 1, maximum: 1 << 20),
        .belowMinimum(field: "identicalWindowNanos", value: 0, minimum: 1),
      ])
    ) { try RunawayDetector(limits: limits) }
    // The identical window only matters when its bound is on.
    #expect(RunawayLimits(identicalWindowNanos: 0).problems.isEmpty)
  }

  @Test("the order count trips at limit + 1 within a sliding minute")
  func orderCount() throws {
    var detector = try RunawayDetector(limits: RunawayLimits(maxOrdersPerMinute: 5))
    var trips: [RunawayTrip?] = []
    for index in 0..<5 {
      trips.append(detector.recordOrder(Self.distinct(index), notional: 0, at: t0 + Int64(index)))
    }
    let sixth = detector.recordOrder(Self.distinct(5), notional: 0, at: t0 + minute - 1)
    #expect(trips.allSatisfy { $0 == nil })
    #expect(
      sixth
        == RunawayTrip(
          kind: .orderCount, observed: 6, limit: 5, windowNanos: minute, at: t0 + minute - 1))
    // The first order (t0) left the window at t0 + 60 s; the tripping order still counts.
    let afterFirstLeft = detector.recordOrder(Self.distinct(6), notional: 0, at: t0 + minute)
    #expect(afterFirstLeft?.kind == .orderCount)  // t0+1..t0+4, the sixth and this one: 6
    let drained = detector.recordOrder(Self.distinct(7), notional: 0, at: t0 + minute + 4)
    #expect(drained == nil)  // the sixth, the seventh and this one, plus nothing older: 3
  }

  @Test("the order notional trips when the minute's sum exceeds the limit, by magnitude")
  func orderNotional() throws {
    var detector = try RunawayDetector(limits: RunawayLimits(maxOrderNotionalPerMinute: 1_000))
    let trips = [
      detector.recordOrder(Self.distinct(0), notional: 400, at: t0),
      detector.recordOrder(Self.distinct(1), notional: -600, at: t0 + second),  // a sell: 600
    ]
    let over = detector.recordOrder(Self.distinct(2), notional: 1, at: t0 + 2 * second)
    let expired = detector.recordOrder(Self.distinct(3), notional: 399, at: t0 + minute)
    #expect(trips == [nil, nil])  // exactly the limit
    #expect(
      over
        == RunawayTrip(
          kind: .orderNotional, observed: 1_001, limit: 1_000, windowNanos: minute,
          at: t0 + 2 * second))
    #expect(expired == nil)  // 600 + 1 + 399: the 400 at t0 expired
  }

  @Test("the fill count and fill notional trip at limit + 1")
  func fills() throws {
    var detector = try RunawayDetector(
      limits: RunawayLimits(maxFillsPerMinute: 3, maxFillNotionalPerMinute: 10_000))
    let three = [
      detector.recordFill(notional: 100, at: t0),
      detector.recordFill(notional: 100, at: t0),
      detector.recordFill(notional: 100, at: t0),
    ]
    let fourth = detector.recordFill(notional: 100, at: t0 + 1)
    #expect(three == [nil, nil, nil])
    #expect(fourth?.kind == .fillCount && fourth?.observed == 4 && fourth?.limit == 3)

    var notional = try RunawayDetector(limits: RunawayLimits(maxFillNotionalPerMinute: 10_000))
    let atLimit = notional.recordFill(notional: 10_000, at: t0)
    let over = notional.recordFill(notional: 1, at: t0)
    #expect(atLimit == nil)
    #expect(over?.kind == .fillNotional && over?.observed == 10_001 && over?.limit == 10_000)
  }

  @Test("identical orders trip at limit + 1 within the window, not when spaced wider")
  func identicalOrders() throws {
    let limits = RunawayLimits(maxIdenticalOrders: 10, identicalWindowNanos: minute)
    var detector = try RunawayDetector(limits: limits)
    var trips: [RunawayTrip?] = []
    for index in 0..<10 {
      trips.append(detector.recordOrder(Self.signature(), notional: 0, at: t0 + Int64(index)))
    }
    let eleventh = detector.recordOrder(Self.signature(), notional: 0, at: t0 + minute - 1)
    #expect(trips.allSatisfy { $0 == nil })
    #expect(
      eleventh
        == RunawayTrip(
          kind: .identicalOrders, observed: 11, limit: 10, windowNanos: minute,
          at: t0 + minute - 1))

    var slow = try RunawayDetector(limits: limits)
    var slowTrips = 0
    for index in 0..<100 {  // one every 6 s: 10 per minute, the 11th is a minute after the 1st
      if slow.recordOrder(Self.signature(), notional: 0, at: t0 + Int64(index) * 6 * second) != nil
      {
        slowTrips += 1
      }
    }
    #expect(slowTrips == 0)
  }

  @Test("a different order in between restarts the identical streak")
  func identicalStreakResets() throws {
    var detector = try RunawayDetector(limits: RunawayLimits(maxIdenticalOrders: 3))
    let sequence: [OrderSignature] = [
      Self.signature(), Self.signature(), Self.signature(),
      Self.signature(price: 10_001),  // interrupts
      Self.signature(), Self.signature(), Self.signature(),
      Self.signature(),  // the fourth in a row
    ]
    let trips = sequence.map { detector.recordOrder($0, notional: 0, at: t0) }
    #expect(trips.prefix(7).allSatisfy { $0 == nil })
    #expect(trips.last??.kind == .identicalOrders)
  }

  @Test("every field of the signature makes an order different")
  func signatureFields() {
    let base = Self.signature()
    var variants = Array(repeating: base, count: 5)
    variants[0].instrument = 1
    variants[1].side = .sell
    variants[2].orderType = 1
    variants[3].quantityRaw = 2
    variants[4].priceRaw = 10_001
    #expect(variants.allSatisfy { $0 != base })
    #expect(Self.signature() == base)
  }

  @Test("a signature from an order takes the limit, else the trigger, else no price")
  func signatureFromOrder() {
    func order(_ type: OrderType) -> Order {
      Order(
        clientOrderID: 1, slot: 0, instrument: 3, side: .sell,
        quantity: Quantity(raw: 250, precision: 2), type: type, timeInForce: .gtc,
        reduceOnly: false, createdAt: t0)
    }
    let limit = Price(raw: 10_050, precision: 2)
    let trigger = Price(raw: 9_900, precision: 2)
    let signatures = [
      OrderSignature(order(.market)), OrderSignature(order(.limit(limit))),
      OrderSignature(order(.stop(trigger: trigger))),
      OrderSignature(order(.stopLimit(trigger: trigger, limit: limit))),
    ]
    #expect(signatures.map(\.orderType) == [1, 2, 3, 4])
    #expect(signatures.map(\.priceRaw) == [0, 10_050, 9_900, 10_050])
    #expect(
      signatures.allSatisfy { $0.instrument == 3 && $0.side == .sell && $0.quantityRaw == 250 })
  }

  @Test("an order over several bounds reports the first of: count, notional, identical")
  func priority() throws {
    var detector = try RunawayDetector(
      limits: RunawayLimits(
        maxOrdersPerMinute: 2, maxOrderNotionalPerMinute: 100, maxIdenticalOrders: 2))
    let first = [
      detector.recordOrder(Self.signature(), notional: 50, at: t0),
      detector.recordOrder(Self.signature(), notional: 50, at: t0),
    ]
    let third = detector.recordOrder(Self.signature(), notional: 50, at: t0)
    #expect(first == [nil, nil])
    #expect(third?.kind == .orderCount)
    // Without the count bound the same orders exceed the notional bound and the streak.
    var notionalOnly = try RunawayDetector(
      limits: RunawayLimits(maxOrderNotionalPerMinute: 100, maxIdenticalOrders: 2))
    let trips = (0..<3).map { _ in notionalOnly.recordOrder(Self.signature(), notional: 50, at: t0)
    }
    #expect(trips.last??.kind == .orderNotional)
  }

  @Test("a slot that keeps sending trips on every order until the window drains")
  func countsDeniedOrders() throws {
    var detector = try RunawayDetector(limits: RunawayLimits(maxOrdersPerMinute: 2))
    var trips = 0
    for index in 0..<50 {  // one a second: far over 2 a minute
      if detector.recordOrder(Self.distinct(index), notional: 0, at: t0 + Int64(index) * second)
        != nil
      {
        trips += 1
      }
    }
    let quiet = detector.recordOrder(Self.distinct(50), notional: 0, at: t0 + 109 * second)
    let next = detector.recordOrder(Self.distinct(51), notional: 0, at: t0 + 109 * second)
    let over = detector.recordOrder(Self.distinct(52), notional: 0, at: t0 + 109 * second)
    #expect(trips == 48)
    #expect(quiet == nil && next == nil)
    #expect(over?.kind == .orderCount)
  }

  @Test("bounds that are off never trip")
  func boundsOff() throws {
    var detector = try RunawayDetector(limits: RunawayLimits())
    var trips = 0
    for step in 0..<10_000 {
      if detector.recordOrder(Self.signature(), notional: .max, at: t0 + Int64(step)) != nil {
        trips += 1
      }
      if detector.recordFill(notional: .min, at: t0 + Int64(step)) != nil { trips += 1 }
    }
    #expect(trips == 0)
  }

  @Test("time going backwards counts as the latest time seen")
  func timeBackwards() throws {
    var detector = try RunawayDetector(limits: RunawayLimits(maxFillsPerMinute: 1))
    let first = detector.recordFill(notional: 0, at: t0 + minute)
    let backwards = detector.recordFill(notional: 0, at: t0)  // booked at t0 + 60 s
    let later = detector.recordFill(notional: 0, at: t0 + 2 * minute - 1)
    let drained = detector.recordFill(notional: 0, at: t0 + 3 * minute)
    #expect(first == nil)
    #expect(backwards?.at == t0 + minute)
    #expect(later?.kind == .fillCount)  // the backwards fill still counts at t0 + 119.99 s
    #expect(drained == nil)
  }

  @Test("a long gap clears everything, and reset does too")
  func gapsAndReset() throws {
    var detector = try RunawayDetector(
      limits: RunawayLimits(
        maxOrdersPerMinute: 3, maxOrderNotionalPerMinute: 300, maxIdenticalOrders: 3))
    for _ in 0..<3 { _ = detector.recordOrder(Self.signature(), notional: 100, at: t0) }
    let afterGap = detector.recordOrder(Self.signature(), notional: 100, at: t0 + 3_600 * second)
    for _ in 0..<2 {
      _ = detector.recordOrder(Self.signature(), notional: 100, at: t0 + 3_600 * second)
    }
    detector.reset()
    let afterReset = (0..<3).map { _ in
      detector.recordOrder(Self.signature(), notional: 100, at: t0)
    }
    let fourth = detector.recordOrder(Self.signature(), notional: 100, at: t0)
    #expect(afterGap == nil)
    #expect(afterReset == [nil, nil, nil])
    #expect(fourth?.kind == .orderCount)
  }

  @Test("a trip reads as one sentence")
  func descriptions() {
    let trips = [
      RunawayTrip(kind: .orderCount, observed: 121, limit: 120, windowNanos: minute, at: t0),
      RunawayTrip(kind: .fillNotional, observed: 1_001, limit: 1_000, windowNanos: minute, at: t0),
      RunawayTrip(
        kind: .identicalOrders, observed: 11, limit: 10, windowNanos: 1_500 * millisecond, at: t0),
    ]
    #expect(
      trips.map(\.description) == [
        "runaway guard: 121 orders within 60 s exceed the limit of 120",
        "runaway guard: fill notional 1001 (raw) within 60 s exceeds the limit of 1000",
        "runaway guard: 11 identical orders in a row within 1500 ms exceed the limit of 10",
      ])
  }

  @Test("steady-state calls never grow or move the rings")
  func noGrowth() throws {
    var detector = try RunawayDetector(
      limits: RunawayLimits(
        maxOrdersPerMinute: 120, maxOrderNotionalPerMinute: 1_000_000, maxFillsPerMinute: 120,
        maxFillNotionalPerMinute: 1_000_000, maxIdenticalOrders: 10))
    let before = detector.storageFootprints
    var time = t0
    var trips = 0
    for step in 0..<100_000 {
      time += step % 20_000 == 0 ? 3_600 * second : 200 * millisecond
      let signature = Self.signature(quantity: Int64(step % 3 == 0 ? 1 : step % 17))
      if detector.recordOrder(signature, notional: Int64(step % 1_000) * 100, at: time) != nil {
        trips += 1
      }
      if step % 2 == 0, detector.recordFill(notional: 5_000, at: time - second) != nil {
        trips += 1
      }
    }
    #expect(trips > 0)
    #expect(before.count == 5)
    #expect(detector.storageFootprints == before)
  }
}
