import Kernel
import MarketCalendars
import RiskHealth
import RiskSizing
import TradingModel

/// The risk wrapper: the one gate every order of every slot passes, in backtest, paper and live
/// alike (the kernel's `RiskGate`). It keeps trading states at three levels (account, slot,
/// instrument), checks every order against the configured limits (denying or shrinking it,
/// never enlarging it), watches loss limits, health breakers and market guards on every event,
/// enforces host exits, and applies manual controls (pause, resume, reduce, kill) queued from
/// any thread. Every state change and manual action goes to the audit trail.
///
/// Threading: kernel-thread only, except `commands` (any thread). `check`, `didFill` and
/// `observe` allocate nothing in steady state; audit records (state changes) allocate.
public final class RiskWrapper: RiskGate {
  public let configuration: RiskConfiguration
  /// Manual controls from other threads.
  public let commands: RiskCommandQueue
  /// The audit log.
  public let audit: AuditTrail
  /// Called on the kernel thread after every latched change (persistence of the states); an
  /// error it throws is a write failure (`RiskConfiguration.onWriteFailure`).
  public var onStateChange: ((RiskStateSnapshot) throws(RiskError) -> Void)?
  /// Writes that failed so far (audit records, the risk state) and the last one's text.
  public internal(set) var writeFailures = 0
  public internal(set) var lastWriteError: String?
  /// The audit trail's failure count already acted on.
  var seenAuditFailures = 0

  /// The kernel, set by `attach` before any other call reaches the wrapper (unowned: the
  /// kernel owns its gate).
  private unowned(unsafe) var attachedKernel: Kernel?
  var kernel: Kernel { attachedKernel.unsafelyUnwrapped }
  var slots: [SlotRiskState] = []
  var instruments: [InstrumentRiskState] = []
  var venues: [VenueRiskState] = []
  /// Slot positions, raw, at `slot * instrumentCount + instrument`.
  var positions: [Int64] = []
  /// Working (routed, not yet filled or ended) buy and sell quantity per cell, raw: caps and
  /// reducing states count them as if they filled.
  var workingBuys: [Int64] = []
  var workingSells: [Int64] = []
  var instrumentCount = 0
  var account = LatchedState()
  /// Automatic deployments (slot promotions) are frozen (7-day drawdown rule or restored).
  public internal(set) var deploymentsFrozen = false
  var freezeReason: String?
  /// Account equity peak and the trading day's starting equity, raw.
  var peakEquity: Int64 = 0
  var dayStartEquity: Int64 = 0
  /// The highest equity of each of the last 7 days (ring by day index; weekends count).
  var weekPeaks = [Int64](repeating: 0, count: 7)
  var weekPeakDays = [Int64](repeating: .min, count: 7)
  var dailySchedule: DailySchedule?
  var tradingDay = Int64.min
  var accountOrdersToday = 0
  /// The account's approved notional today, raw, summed in 128 bits (never overflows).
  var accountNotionalToday: Int128 = 0
  /// Every slot's resting orders must be cancelled (account halted or killed).
  var cancelAllPending = false
  var flattenAllPending = false
  public internal(set) var hasPendingActions = false
  /// Host exit bookkeeping (per slot × instrument).
  var exits: [ExitTracker] = []
  /// Per slot: whether it has exit rules (read per event without copying the rules).
  var hasExits: [Bool] = []
  /// Whether anything reads the ATR (volatility guard, sizing, exits), any instrument can go
  /// stale, and any loss limit is on: the per-event work skipped otherwise.
  var needsATR = false
  var watchesStaleness = false
  /// The earliest time an instrument can go stale (`checkStaleness` looks before it only then).
  var staleCheckDue = Int64.min
  var watchesLosses = false
  /// Per slot × instrument, like `positions`.
  var sizers: [PositionSizer?] = []
  /// Realized volatility per slot × instrument, for slots that target a volatility (each with
  /// its own window and annualisation); `nil` elsewhere.
  var volatilities: [RealizedVolatility?] = []
  /// Slots that keep realized volatilities (read per event).
  var volatilitySlots: [SlotID] = []
  var sizing: [SlotSizing?] = []
  var restored: RiskStateSnapshot?
  /// Validated health state machines, copied per slot and venue when the kernel attaches.
  private let pluginBreaker: CircuitBreaker
  private let venueErrorBreaker: CircuitBreaker
  private let venueLatencyBreaker: CircuitBreaker
  private let runaway: RunawayDetector

  /// A wrapper enforcing `configuration`. `audit` keeps the log (memory, or a file too);
  /// `restoring` re-applies latched states saved by an earlier run (`RiskStateFile`). Throws
  /// every problem of the configuration at once.
  public init(
    configuration: RiskConfiguration, audit: AuditTrail = AuditTrail(),
    commands: RiskCommandQueue = RiskCommandQueue(), restoring: RiskStateSnapshot? = nil
  ) throws(RiskError) {
    var problems: [String] = []
    func check<T>(_ what: String, _ make: () throws(HealthConfigurationError) -> T) -> T? {
      do throws(HealthConfigurationError) {
        return try make()
      } catch {
        problems.append("\(what): \(error)")
        return nil
      }
    }
    let rates =
      [("slots", configuration.slotDefaults.maxOrdersPerSecond)]
      + configuration.slots.sorted(by: { $0.key < $1.key }).map {
        ("slot \($0.key)", $0.value.maxOrdersPerSecond)
      } + [("venue_max_orders_per_second", configuration.venueMaxOrdersPerSecond)]
    for (what, rate) in rates {
      if let rate {
        _ = check("\(what) max_orders_per_second") { () throws(HealthConfigurationError) in
          try RateLimiter(maxEvents: rate, windowNanos: 1_000_000_000)
        }
      }
    }
    let plugin = check("breakers.plugin") { () throws(HealthConfigurationError) in
      try CircuitBreaker(policy: configuration.pluginBreaker)
    }
    let venueErrors = check("breakers.venue_errors") { () throws(HealthConfigurationError) in
      try CircuitBreaker(policy: configuration.venueErrorBreaker)
    }
    let venueLatency = check("breakers.venue_latency") { () throws(HealthConfigurationError) in
      try CircuitBreaker(policy: configuration.venueLatencyBreaker)
    }
    let runaway = check("runaway") { () throws(HealthConfigurationError) in
      try RunawayDetector(limits: configuration.runaway)
    }
    guard let plugin, let venueErrors, let venueLatency, let runaway, problems.isEmpty else {
      throw RiskError("the risk configuration is not valid: " + problems.joined(separator: "; "))
    }
    self.configuration = configuration
    self.audit = audit
    self.commands = commands
    self.restored = restoring
    self.dailySchedule = configuration.dailyReset
    self.pluginBreaker = plugin
    self.venueErrorBreaker = venueErrors
    self.venueLatencyBreaker = venueLatency
    self.runaway = runaway
  }

  /// An orders-per-second limiter (the rate was validated by `init`).
  private static func rateLimiter(_ rate: Int?) -> RateLimiter? {
    rate.flatMap { try? RateLimiter(maxEvents: $0, windowNanos: 1_000_000_000) }
  }

  public func attach(to kernel: Kernel) throws(KernelError) {
    attachedKernel = kernel
    let run = kernel.configuration
    var problems: [String] = []
    let slotNames = Set(kernel.slots.map(\.name))
    for name in configuration.slots.keys.sorted() where !slotNames.contains(name) {
      problems.append("risk.slot.\(name): the run has no slot of that name")
    }
    for name in Set(configuration.sizing.keys).union(configuration.exits.keys).sorted()
    where !slotNames.contains(name) {
      problems.append("risk sizing or exits for slot '\(name)': the run has no slot of that name")
    }
    let symbols = Set(run.instruments.map(\.qualifiedSymbol))
    for symbol in configuration.instruments.keys.sorted() where !symbols.contains(symbol) {
      problems.append("risk.instrument.\(symbol): the run has no instrument of that name")
    }
    instrumentCount = run.instruments.count
    var venueIndex: [String: Int] = [:]
    for instrument in run.instruments where venueIndex[instrument.venue] == nil {
      venueIndex[instrument.venue] = venues.count
      venues.append(
        VenueRiskState(
          name: instrument.venue, rate: Self.rateLimiter(configuration.venueMaxOrdersPerSecond),
          errors: venueErrorBreaker, latency: venueLatencyBreaker))
    }
    for instrument in run.instruments {
      var limits = configuration.limits(instrument: instrument)
      if limits.maxOrderQuantity == nil, Int(instrument.id) < run.maxOrderQuantity.count {
        limits.maxOrderQuantity = run.maxOrderQuantity[Int(instrument.id)]
      }
      limits.maxOrderQuantity = limits.maxOrderQuantity.map {
        $0.floored(to: instrument.sizePrecision)
      }
      limits.maxPosition = limits.maxPosition.map { $0.floored(to: instrument.sizePrecision) }
      guard let atr = AverageTrueRange(period: limits.atrPeriod) else {
        problems.append("\(instrument.qualifiedSymbol): atr_period must be at least 1")
        continue
      }
      instruments.append(
        InstrumentRiskState(
          instrument: instrument, limits: limits, valuation: InstrumentValuation(instrument),
          venue: venueIndex[instrument.venue]!, atr: atr,
          priceScale: Double(FixedPoint.scale(instrument.pricePrecision)),
          tick: instrument.tickSize.raw, lot: max(instrument.lotSize.raw, 1),
          minQuantity: instrument.minQuantity.raw, minNotional: instrument.minNotional.raw,
          session: configuration.tradingCalendar?.tracker(for: instrument.qualifiedSymbol),
          blackouts: configuration.eventCalendar?.tracker(for: instrument.qualifiedSymbol)))
    }
    let startingEquity = kernel.accountEquity.raw
    peakEquity = startingEquity
    dayStartEquity = startingEquity
    for slot in kernel.slots {
      let limits = configuration.limits(slot: slot.name)
      var state = SlotRiskState(
        name: slot.name, limits: limits, rate: Self.rateLimiter(limits.maxOrdersPerSecond),
        runaway: runaway, pluginBreaker: pluginBreaker)
      state.onBook = kernel.portfolio.isOnBook(slot.id)
      state.peakEquity = kernel.slotEquity(slot.id).raw
      state.dayStartEquity = state.peakEquity
      slots.append(state)
      let rules = configuration.exits[slot.name]
      let sizing = configuration.sizing[slot.name]
      if let sizing, case .volatilityTarget = sizing.rule { volatilitySlots.append(slot.id) }
      hasExits.append(rules != nil)
      self.sizing.append(sizing)
      for instrument in run.instruments {
        var sizer: PositionSizer?
        if let sizing {
          switch PositionSizer.make(rule: sizing.rule, instrument: instrument) {
          case .success(let made): sizer = made
          case .failure(let error):
            problems.append(
              "sizing of slot '\(slot.name)' on \(instrument.qualifiedSymbol): \(error)")
          }
        }
        sizers.append(sizer)
        var volatility: RealizedVolatility?
        if let sizing, case .volatilityTarget = sizing.rule {
          volatility = RealizedVolatility(
            window: sizing.volatilityWindow, periodsPerYear: sizing.periodsPerYear)
          if volatility == nil {
            problems.append(
              "sizing of slot '\(slot.name)': volatility_window must be at least 2 and periods_per_year positive"
            )
          }
        }
        volatilities.append(volatility)
        switch ExitTracker.make(rules: rules ?? ExitRules(), instrument: instrument) {
        case .success(let tracker): exits.append(tracker)
        case .failure(let error):
          problems.append("exits of slot '\(slot.name)' on \(instrument.qualifiedSymbol): \(error)")
        }
      }
    }
    guard problems.isEmpty else {
      throw KernelError(
        "the risk configuration does not fit the run: " + problems.joined(separator: "; "))
    }
    positions = Array(repeating: 0, count: slots.count * instrumentCount)
    workingBuys = positions
    workingSells = positions
    needsATR =
      instruments.contains { $0.limits.maxVolatility != nil } || !configuration.sizing.isEmpty
      || !configuration.exits.isEmpty
    watchesStaleness = instruments.contains { $0.limits.staleAfterNanos != nil }
    let account = configuration.account
    watchesLosses =
      account.maxDrawdown != nil || account.maxDailyLossFraction != nil
      || account.maxDailyLoss != nil || account.deploymentFreezeDrawdown != nil
      || slots.contains { $0.limits.maxDrawdown != nil || $0.limits.maxDailyLossFraction != nil }
    if let restored { restore(restored) }
  }

  /// Marks that `performPendingActions` has work.
  @inline(__always)
  func needActions() { hasPendingActions = true }
}

extension Quantity {
  /// The quantity at `precision` decimals, rounded down when digits are dropped (a limit never
  /// grows by rescaling).
  func floored(to precision: UInt8) -> Quantity {
    if self.precision > precision {
      return Quantity(raw: raw / FixedPoint.scale(self.precision - precision), precision: precision)
    }
    let raw = FixedPoint.rescale(raw, from: self.precision, to: precision) ?? .max
    return Quantity(raw: raw, precision: precision)
  }
}
