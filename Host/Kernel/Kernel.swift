import CTradeHostPlugin
import Execution
import PluginHost
import Store
import TradingModel

/// The event loop that backtest, paper and live share: market event -> the instrument's venue
/// (the simulator or an exchange plugin, through `Venue`) matches resting orders -> portfolio marks -> strategy slots -> order intents -> risk gate -> venue ->
/// fills -> portfolio, with order events delivered to strategies after each callback returns.
///
/// Threading: one kernel thread calls `process`, `flatten` and every slot-management method; the
/// plugins' host calls it serves on that thread (`submit`, `cancel`, `position`) run inside those
/// calls. `now`, `instrument` and `log` may be called from any thread (see `PluginEnvironment`).
/// `control` is the only part other threads touch (pause, resume, stop: atomics).
///
/// Allocation: once built, `process` allocates nothing per event (checked by `make bench`), as
/// long as the order event queue and the venue's order table stay within their capacities.
///
/// Venues: each instrument is traded by one venue (`VenueRoutes`); the kernel talks to every venue
/// through the `Venue` protocol in domain values and hears back as their `VenueSink`.
public final class Kernel {
  public let configuration: KernelConfiguration
  /// The time source (historical in backtests, wall clock in paper and live).
  public let clock: any Clock
  let historicalClock: HistoricalClock?
  /// The account and its per-slot sub-ledgers.
  public internal(set) var portfolio: Portfolio
  /// The account model's working orders and cash holds, checked before every routed order.
  var accountGuard: AccountGuard
  /// The run's venues; `venueOfInstrument[i]` indexes the one that trades instrument `i`.
  let venues: [any Venue]
  let venueOfInstrument: [Int]
  /// The indices of the venues that must be polled after every event and timer tick
  /// (`Venue.needsPolling`).
  let polledVenues: [Int]
  let gate: any RiskGate
  /// The slots, by `SlotID`.
  public internal(set) var slots: [Slot] = []
  /// Slot indices subscribed to each instrument.
  var subscribers: [[Int]]
  /// The bar series resampled for slots (`SlotSpec.bars`), one per instrument and series.
  var resamplers: [BarResampler] = []
  /// Slot indices subscribed to each resampler, in slot order.
  var resampledSubscribers: [[Int]] = []
  /// Resampler indices of each instrument.
  var resamplersOf: [[Int]]
  var pending: OrderEventQueue
  /// The last price of each instrument (raw; 0 = none yet).
  var lastPrices: [Int64]
  var nextClientOrderID: ClientOrderID = 1
  /// Run counters.
  public internal(set) var counters = KernelCounters()
  /// Denials per reason code (codes 0...255; the reason seen first for each code).
  public internal(set) var denialCounts = [Int](repeating: 0, count: 256)
  var denialReasons = [DenialReason?](repeating: nil, count: 256)
  /// The latest refused orders.
  public internal(set) var denialJournal = DenialJournal()
  /// A digest of every fill (determinism checks).
  public internal(set) var fillDigest = FillDigest()
  /// The latest orders, their events and fills (the HTTP API's `/orders` and `/fills`).
  public internal(set) var activity = RecentActivity()
  /// Sampled market-event-to-decision latency (`/metrics`); `LatencyHistogram(sampleEvery: 0)`
  /// turns the timing off.
  public var latency = LatencyHistogram()
  /// The account's equity, refreshed per event for the event's instrument only.
  var equityTracker: EquityTracker
  /// Equity curve and statistics inputs.
  public internal(set) var recorder: RunRecorder
  /// Pause / resume / stop from other threads.
  public let control = KernelControl()
  /// What the kernel thread is calling in a plugin now (read by a watchdog on another thread).
  public let callStamps = CallStamps()
  /// The number of the latest stamped call.
  var callSequence: UInt64 = 0
  /// The number of the current kernel step (an event, a timer tick, the stop): bounds the order
  /// events one slot may be handed within one step.
  var step: UInt64 = 0
  let logSink: KernelLogSink
  /// The registry the slots' plugins came from: kept alive as long as the kernel, because plugin
  /// instances refer to it (unowned) for every plugin-to-plugin call.
  public let registry: PluginRegistry
  let instrumentInfo: [String: th_instrument_info]
  /// Each instrument's contract multiplier as a double (plugins' unrealized PnL).
  let multipliers: [Double]
  /// The latest market events, replayed to warm a replacement strategy (hot reload).
  public internal(set) var history: RecentEvents
  /// Who manages the slots between events (hot reload, promotion, rollback); `nil`: nobody.
  /// Set before the first event, on the kernel thread.
  public var supervisor: (any KernelSupervisor)?
  /// The event time at or after which `supervisor.due` runs next (`Int64.max`: never). The
  /// supervisor sets it; a strategy error brings it forward to the error's event.
  public var supervisorDue = Int64.max
  /// The write-ahead journal (`nil`: nothing is journaled). Every order is recorded before it
  /// reaches its venue, and every order event and fill as it arrives; while the journal cannot
  /// take more, new orders are denied (code 47). Set before the first event, on the kernel thread.
  public var journal: Journal?

  /// Builds the kernel and its slots' strategies (created through `registry`, served by this
  /// kernel). Throws when the configuration is inconsistent or a strategy cannot be created.
  public init(
    configuration: KernelConfiguration, registry: PluginRegistry, clock: any Clock,
    gate: (any RiskGate)? = nil, venues routes: VenueRoutes? = nil, recordEquityCurve: Bool = false,
    expectedEvents: Int = 0, log: @escaping KernelLogSink = KernelLog.standardError
  ) throws(KernelError) {
    try Self.validate(configuration)
    self.configuration = configuration
    self.clock = clock
    self.historicalClock = clock as? HistoricalClock
    let capital = configuration.slots.map(\.capital)
    do {
      portfolio = try Portfolio(
        currency: configuration.currency, instruments: configuration.instruments,
        slotCapital: capital,
        offBook: Set(configuration.slots.indices.filter { !configuration.slots[$0].role.isOnBook }))
    } catch {
      throw KernelError("cannot open the account: \(error)")
    }
    accountGuard = AccountGuard(
      model: configuration.account, portfolio: portfolio, fees: configuration.execution.fees)
    let routes = routes ?? .simulator(for: configuration)
    if let problem = routes.problem(instruments: configuration.instruments.count) {
      throw KernelError(problem)
    }
    venues = routes.venues
    venueOfInstrument = routes.byInstrument
    polledVenues = routes.venues.indices.filter { routes.venues[$0].needsPolling }
    self.gate =
      gate
      ?? BasicRiskGate(
        instruments: configuration.instruments, maxOrderQuantity: configuration.maxOrderQuantity)
    subscribers = Array(repeating: [], count: configuration.instruments.count)
    resamplersOf = Array(repeating: [], count: configuration.instruments.count)
    pending = OrderEventQueue(capacity: OrderEventQueue.capacity)
    lastPrices = Array(repeating: 0, count: configuration.instruments.count)
    equityTracker = EquityTracker(instruments: configuration.instruments.count)
    recorder = RunRecorder(
      startingEquity: portfolio.startingCash,
      keepCurve: recordEquityCurve, expectedEvents: expectedEvents)
    logSink = log
    self.registry = registry
    instrumentInfo = InstrumentInfo.table(configuration.instruments)
    multipliers = configuration.instruments.map(\.multiplier.doubleValue)
    history = RecentEvents(capacity: configuration.historyCapacity)
    try makeSlots(registry: registry)
    try self.gate.attach(to: self)
  }

  private func makeSlots(registry: PluginRegistry) throws(KernelError) {
    for (index, spec) in configuration.slots.enumerated() {
      let strategy: StrategyInstance
      do {
        strategy = try registry.makeStrategy(
          spec.strategy, parameters: spec.parameters, environment: self, label: spec.name)
      } catch {
        throw KernelError("slot '\(spec.name)': \(error)")
      }
      strategy.context.tag = index
      slots.append(Slot(id: index, name: spec.name, role: spec.role, strategy: strategy))
      let instruments = spec.instruments ?? configuration.instruments.map(\.id)
      for instrument in instruments { subscribers[Int(instrument)].append(index) }
      subscribeBars(slot: index)
    }
  }

  private static func validate(_ configuration: KernelConfiguration) throws(KernelError) {
    guard !configuration.instruments.isEmpty else { throw KernelError("the run has no instrument") }
    for (index, instrument) in configuration.instruments.enumerated() {
      guard instrument.id == InstrumentID(index) else {
        throw KernelError(
          "instrument \(instrument.qualifiedSymbol) has id \(instrument.id), expected \(index)")
      }
      guard instrument.currency == configuration.currency else {
        throw KernelError(
          "instrument \(instrument.qualifiedSymbol) trades in \(instrument.currency), the account is in \(configuration.currency)"
        )
      }
    }
    guard !configuration.slots.isEmpty else { throw KernelError("the run has no strategy slot") }
    guard configuration.slots.contains(where: { $0.role.isOnBook }) else {
      throw KernelError("every slot is a shadow: the account needs at least one slot on its books")
    }
    var names = Set<String>()
    for slot in configuration.slots {
      guard names.insert(slot.name).inserted else {
        throw KernelError("two slots are named '\(slot.name)'")
      }
      guard slot.capital.currency == configuration.currency, slot.capital.raw > 0 else {
        throw KernelError("slot '\(slot.name)' needs positive capital in \(configuration.currency)")
      }
      for instrument in slot.instruments ?? []
      where Int(instrument) >= configuration.instruments.count {
        throw KernelError("slot '\(slot.name)' subscribes to unknown instrument id \(instrument)")
      }
    }
  }
}
