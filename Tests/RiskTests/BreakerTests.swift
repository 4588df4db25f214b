import CTradeHostPlugin
import HostTestKit
import PluginHost
import Risk
import RiskHealth
import Testing
import TradingModel

@testable import Kernel

/// Health breakers: runaway order flow halts a slot and cancels its resting orders; a strategy
/// that keeps failing opens its error breaker; a venue that keeps rejecting opens the venue's.
@Suite("Runaway and health breakers")
struct BreakerTests {
  typealias F = RiskFixture
  static let t0 = RiskFixture.monday

  /// Only the runaway bounds given (the others off).
  static func runaway(_ limits: RunawayLimits) -> RiskConfiguration {
    .only { $0.runaway = limits }
  }

  @Test(
    "runaway order count: the order past the bound is denied (150), the slot halts, its resting orders go"
  )
  func runawayOrderCount() throws {
    let fixture = try F(
      Self.runaway(RunawayLimits(maxOrdersPerMinute: 5)), slots: [F.slot("a"), F.slot("b")])
    fixture.feed(at: Self.t0, close: 10_000)
    #expect(fixture.limit(TH_SIDE_BUY, 1, at: 90.00, slot: 1).accepted)
    #expect(fixture.limit(TH_SIDE_BUY, 1, at: 90.00, slot: 0).accepted)
    for quantity in 1...4 { expectFilled(fixture.buy(Double(quantity)), Int64(quantity)) }
    let tripped = fixture.buy(5)
    expectDenied(tripped, .runaway)
    // Slot a's resting order was cancelled when it halted; slot b's rests on.
    #expect(tripped.events.contains { $0.type == th_order_event_type(TH_EVENT_CANCELLED) })
    #expect(fixture.kernel.simulator?.restingOrders.map(\.slot) == [1])
    #expect(fixture.wrapper.state(of: .slot(0)).state == .halted)
    #expect(fixture.wrapper.state(of: .slot(0)).source == "breaker")
    expectDenied(fixture.sell(1), .slotHalted)
    expectFilled(fixture.buy(1, slot: 1), 1)
    let record = fixture.audited("state").last
    #expect(record?.scope == "slot a")
    #expect(record?.to == "halted")
    #expect(record?.values.contains(AuditRecord.Value("kind", "order count")) == true)
    #expect(record?.values.contains(AuditRecord.Value("limit", "5")) == true)
  }

  @Test("the unlimited preset has no runaway guard: 200 identical orders in a minute all fill")
  func unlimitedHasNoRunawayGuard() throws {
    let fixture = try F(.unlimited)
    fixture.feed(at: Self.t0, close: 10_000)
    for _ in 0..<200 { expectFilled(fixture.buy(1), 1) }
    #expect(fixture.wrapper.state(of: .slot(0)).state == .active)
    #expect(fixture.position() == 200)
  }

  @Test("runaway identical orders: the same order once too often trips (150)")
  func runawayIdentical() throws {
    let fixture = try F(Self.runaway(RunawayLimits(maxIdenticalOrders: 3)))
    fixture.feed(at: Self.t0, close: 10_000)
    for _ in 0..<3 { expectFilled(fixture.buy(1), 1) }
    expectDenied(fixture.buy(1), .runaway)
    #expect(fixture.wrapper.state(of: .slot(0)).state == .halted)
    #expect(fixture.position() == 3)
    // A different order in between restarts the streak (fresh fixture).
    let other = try F(Self.runaway(RunawayLimits(maxIdenticalOrders: 3)))
    other.feed(at: Self.t0, close: 10_000)
    for _ in 0..<3 { expectFilled(other.buy(1), 1) }
    expectFilled(other.buy(2), 2)
    for _ in 0..<2 { expectFilled(other.buy(1), 1) }
    #expect(other.wrapper.state(of: .slot(0)).state == .active)
  }

  @Test(
    "runaway fill velocity: the fill past the bound halts the slot and cancels its resting orders")
  func runawayFills() throws {
    let fixture = try F(Self.runaway(RunawayLimits(maxFillsPerMinute: 3)))
    fixture.feed(at: Self.t0, close: 10_000)
    #expect(fixture.limit(TH_SIDE_BUY, 1, at: 90.00).accepted)
    for quantity in 1...3 { expectFilled(fixture.buy(Double(quantity)), Int64(quantity)) }
    #expect(fixture.wrapper.state(of: .slot(0)).state == .active)
    // The fourth fill happens (the order was approved), then the slot halts.
    let fourth = fixture.buy(4)
    expectFilled(fourth, 4)
    #expect(fourth.events.contains { $0.type == th_order_event_type(TH_EVENT_CANCELLED) })
    #expect(fixture.kernel.simulator?.restingCount == 0)
    #expect(fixture.wrapper.state(of: .slot(0)).state == .halted)
    #expect(
      fixture.audited("state").last?.values.contains(AuditRecord.Value("kind", "fill count"))
        == true)
    expectDenied(fixture.sell(1), .slotHalted)
    // A minute later the detector is quiet, but the halt is latched until resumed.
    fixture.feed(at: Self.t0 + 2 * minute, close: 10_000)
    expectDenied(fixture.sell(1), .slotHalted)
    fixture.wrapper.apply(RiskCommand(action: .resume, slot: "main", source: .operator))
    expectFilled(fixture.sell(1), 1)
  }

  /// A registry with the shipped plugins and the C fixture strategy (`fixture-good`), which fails
  /// `on_bar` with an error for a negative close.
  static func fixtureRegistry() throws -> PluginRegistry {
    let registry = try TestPlugins.registry()
    let loaded = registry.load(
      manifestPath: RepositoryPaths.fixtures + "/plugins/fixture-good.yaml")
    if case .failure(let error) = loaded { throw TestKitError("\(error) (run `make fixtures`)") }
    return registry
  }

  @Test(
    "plugin error breaker: a failing strategy's orders are denied (151) until good callbacks close it"
  )
  func pluginBreaker() throws {
    let policy = CircuitBreaker.Policy(
      windowNanos: 60 * second, windowBuckets: 60, minimumSamples: 4, tripRatio: 0.5,
      cooldownNanos: 10 * second, probeSuccesses: 2, maxCooldownNanos: 60 * second)
    let fixture = try F(
      .only { $0.pluginBreaker = policy },
      slots: [
        SlotSpec(
          name: "fx", strategy: "fixture-good", capital: Money(raw: 100_000_00, currency: .usd)),
        F.slot("ema"),
      ], registry: try Self.fixtureRegistry())
    // Four bars with a negative close: the fixture fails each `on_bar`.
    for index in 0..<4 { fixture.feed(at: Self.t0 + Int64(index) * second, close: -100) }
    #expect(fixture.kernel.counters.pluginErrors == 4)
    #expect(fixture.kernel.slots[0].pluginErrors == 4)
    #expect(fixture.audited("breaker").isEmpty)
    // The wrapper samples each event's callbacks at the next event (before strategies see it):
    // four events with a failed callback out of four open the breaker.
    fixture.feed(at: Self.t0 + 4 * second, close: 10_000)
    let opened = fixture.audited("breaker")
    #expect(opened.count == 1)
    #expect(opened.first?.scope == "slot fx")
    #expect(opened.first?.from == "closed" && opened.first?.to == "open")
    #expect(opened.first?.values.contains(AuditRecord.Value("events_with_errors", "4")) == true)
    #expect(
      opened.first?.values.first { $0.name == "last_error" }?.value.contains("negative close")
        == true)
    expectDenied(fixture.buy(1, slot: 0), .pluginBreakerOpen)
    // The healthy slot trades on.
    expectFilled(fixture.buy(1, slot: 1), 1)
    // After the cooldown the breaker is half-open: orders probe; two good callbacks close it.
    fixture.feed(at: Self.t0 + 15 * second, close: 9_990)
    #expect(fixture.audited("breaker").last?.to == "half-open")
    expectFilled(fixture.buy(1, slot: 0), 1)
    fixture.feed(at: Self.t0 + 16 * second, close: 9_980)
    #expect(fixture.audited("breaker").last?.to == "closed")
    expectFilled(fixture.buy(1, slot: 0), 1)
  }

  @Test("plugin error breaker: the driver's timer polls it when no event arrives")
  func pluginBreakerIdle() throws {
    let policy = CircuitBreaker.Policy(
      windowNanos: 60 * second, windowBuckets: 60, minimumSamples: 2, tripRatio: 0.5,
      cooldownNanos: 10 * second, probeSuccesses: 1, maxCooldownNanos: 60 * second)
    let fixture = try F(
      .only { $0.pluginBreaker = policy },
      slots: [
        SlotSpec(
          name: "fx", strategy: "fixture-good", capital: Money(raw: 100_000_00, currency: .usd))
      ], registry: try Self.fixtureRegistry())
    fixture.feed(at: Self.t0, close: 10_000)
    fixture.feed(at: Self.t0 + second, close: -100)
    fixture.feed(at: Self.t0 + 2 * second, close: -100)
    fixture.kernel.idle()
    #expect(fixture.audited("breaker").last?.to == "open")
    expectDenied(fixture.buy(1), .pluginBreakerOpen)
    fixture.clock.advance(to: Self.t0 + 13 * second)
    fixture.kernel.idle()
    #expect(fixture.audited("breaker").last?.to == "half-open")
  }

  @Test(
    "venue breaker: rejections from a full order table open it; then only reducing orders pass (152)"
  )
  func venueBreaker() throws {
    let fixture = try F(
      .unlimited, instruments: [F.spy, F.share(1, "IWM", "BATS")], maxOpenOrders: 2)
    fixture.feed(0, at: Self.t0, close: 10_000)
    fixture.feed(1, at: Self.t0, close: 10_000)
    expectFilled(fixture.buy(5), 5)
    let resting = fixture.limit(TH_SIDE_SELL, 1, at: 101.00)
    #expect(resting.accepted)
    #expect(fixture.limit(TH_SIDE_SELL, 1, at: 102.00).accepted)
    // The table is full: each order passes the gate and the venue rejects it. 3 accepted and 7
    // rejected is 70% of 10 samples: the 10th answer opens the breaker (30% of at least 10).
    for quantity in 1...7 {
      let rejected = fixture.buy(Double(quantity))
      #expect(rejected.code == nil)
      #expect(rejected.types.contains(th_order_event_type(TH_EVENT_REJECTED)))
    }
    let opened = fixture.audited("breaker")
    #expect(opened.count == 1)
    #expect(opened.first?.scope == "venue ARCA")
    #expect(opened.first?.to == "open")
    #expect(opened.first?.values.contains(AuditRecord.Value("bad", "7")) == true)
    expectDenied(fixture.buy(1), .venueBreakerOpen)
    // Another venue is healthy (its table is the same, so only the gate's answer is checked).
    #expect(fixture.buy(1, instrument: 1).code == nil)
    // A reducing order passes the gate; with room in the table it fills.
    let status = fixture.kernel.cancel(
      resting.orderID, from: fixture.kernel.slots[0].strategy.context)
    #expect(status == th_status(TH_OK))
    _ = fixture.takeEvents()
    expectFilled(fixture.sell(3), 3)
    // Long 2 with a working sell of 1 (the limit at 102): only 1 more reduces.
    expectFilled(fixture.sell(9), 1)
    expectDenied(fixture.sell(1), .venueBreakerOpen)
  }
}
