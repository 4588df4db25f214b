import Control
import Kernel
import PluginHost
import Risk
import SlotAnalytics
import TradingModel

/// Blue/green deployment of strategy code inside a running kernel: hot reloads (a new version
/// beside the old, state handed over or warmed from history, switched between two events, the
/// old kept for rollback), promotion and rollback of canary, shadow and A/B slots by rule or by
/// hand, and the per-version statistics the rules judge. The kernel's `supervisor`.
///
/// Threads: built on the setup thread before the kernel runs; afterwards every method runs on
/// the kernel thread, between events (`service`, `due`, `didFill`). Other threads talk to it
/// only through `desk` (commands in, reports out). Loading happens on `loader` (or inline when
/// `configuration.loadInline`). Each slot keeps its last `configuration.keepVersions` replaced
/// versions loaded for rollback (no load needed); older ones, and versions that failed or were
/// dropped, are released at once: their instances are destroyed and their registries dropped.
/// Their images stay mapped (a Swift image is never unloaded): `MappedImages` reports them.
public final class SlotDeployer: KernelSupervisor {
  /// One slot's deployment state.
  struct Track {
    var rules: SlotRules
    var tracker: PerformanceTracker
    /// The running instance's registry, when the deployer loaded it (else the kernel's).
    var registry: PluginRegistry?
    var parameters: [(String, String)]
    /// Versions kept for rollback, oldest first (at most `configuration.keepVersions`).
    var kept: [Retained] = []
    /// The version a rollback returns to.
    var previous: Retained? { kept.last }
    /// `slot.pluginErrors` when the version started.
    var errorBaseline: Int
    /// The slot's trading state and breaker when the version started.
    var stateAtStart = "active"
    var breakerAtStart = false
    /// A promotion from this slot is loading.
    var promotionPending = false
    var lastOutcome: String?
    /// The current freeze was audited for this slot's promotion rule.
    var freezeReported = false
    /// Why the promotion rule has not promoted the slot yet (the latest check).
    var waiting: String?
    /// Paired with the `versus` slot's periods.
    var comparison = PairedComparison()
    /// Why the current version has no statistics (its rules do not judge it), or `nil`.
    var statisticsProblem: String?
  }

  /// A version kept for rollback.
  struct Retained {
    let instance: StrategyInstance
    let registry: PluginRegistry?
    let parameters: [(String, String)]
  }

  public let configuration: DeploymentConfiguration
  public let desk: DeploymentDesk
  let audit: AuditTrail?
  unowned(unsafe) let kernel: Kernel
  var tracks: [Track] = []
  /// Partner slot index per slot (comparisons), or -1.
  var partners: [Int] = []
  /// Versions released so far (beyond `keepVersions`, failed, dropped or rolled back from).
  public internal(set) var releasedVersions = 0
  /// Each slot's period closed by the latest sample (reused: no allocation per check).
  private var closes: [PeriodClose?] = []
  /// The swap pauses measured so far.
  public internal(set) var pauses = SwapPauses()
  private var loader: LoaderThread?

  /// How many replaced versions `slot` keeps for rollback now.
  public func keptVersions(slot: Int) -> Int { tracks[slot].kept.count }

  /// Lets go of a version no slot runs or keeps: the deployer stores no reference to it, so
  /// when the caller's go its instance is destroyed (with the indicators and models it made)
  /// and its registry dropped. Its image stays mapped. Counted.
  func release(_ instance: StrategyInstance, _ registry: PluginRegistry?) {
    releasedVersions += 1
  }

  /// Manages `kernel`'s slots: installs itself as the kernel's supervisor. Throws when a rule
  /// names an unknown slot or a statistics interval is invalid (every problem at once).
  public init(
    kernel: Kernel, configuration: DeploymentConfiguration, desk: DeploymentDesk,
    audit: AuditTrail?
  ) throws(DeploymentError) {
    self.kernel = kernel
    self.configuration = configuration
    self.desk = desk
    self.audit = audit
    var problems: [String] = []
    let names = Set(kernel.slots.map(\.name))
    for (name, rules) in configuration.rules.sorted(by: { $0.key < $1.key }) {
      if !names.contains(name) { problems.append("rules for '\(name)': no slot has that name") }
      if let versus = rules.versus, !names.contains(versus) {
        problems.append("slot '\(name)': versus '\(versus)' is not a slot")
      }
    }
    for (plugin, target) in configuration.onChange.sorted(by: { $0.key < $1.key }) {
      let configured = kernel.configuration.slots.filter { $0.strategy == plugin }
      if configured.isEmpty {
        problems.append("deployment.on_change: no slot runs strategy '\(plugin)'")
      } else if target == .canary || target == .shadow,
        !configured.contains(where: { $0.role.rawValue == target.rawValue })
      {
        problems.append(
          "deployment.on_change: \(plugin) goes to its \(target.rawValue) slot, but no \(target.rawValue) slot runs it"
        )
      }
    }
    let now = kernel.clock.now()
    for slot in kernel.slots {
      do {
        tracks.append(
          Track(
            rules: configuration.rules[slot.name] ?? SlotRules(),
            tracker: try Self.tracker(configuration, kernel, slot.id, now),
            registry: nil, parameters: kernel.configuration.slots[slot.id].parameters,
            errorBaseline: 0))
      } catch {
        problems.append("slot '\(slot.name)': \(error)")
      }
    }
    guard problems.isEmpty else {
      throw DeploymentError(
        slot: "*", step: "configure deployments", message: problems.joined(separator: "; "))
    }
    partners = kernel.slots.map { partner(of: $0.id) ?? -1 }
    kernel.supervisor = self
    kernel.supervisorDue = now
    publish()
  }

  /// Starts the loader thread (paper and live hosts; not needed with `loadInline`).
  public func startLoader() throws(DeploymentError) {
    guard !configuration.loadInline, loader == nil else { return }
    let thread = LoaderThread(kernel: KernelReference(kernel), desk: desk)
    do throws(JoinableThread.StartError) {
      try thread.start()
    } catch {
      throw DeploymentError(
        slot: "*", step: "start the loader thread", message: "pthread_create: \(error.code)")
    }
    loader = thread
  }

  /// Stops the loader thread (after the load in hand).
  public func stopLoader() {
    loader?.stop()
    loader = nil
  }

  /// Whether loads must run inline because no loader thread runs.
  var loaderIsMissing: Bool { loader == nil }

  /// Hands a request to the loader thread.
  func enqueue(_ request: LoadRequest) { loader?.enqueue(request) }

  /// A fresh statistics tracker for `slot` from `now`. Every tracker's periods lie on one grid
  /// (whole intervals since the Unix epoch), so the periods of slots started at different
  /// times pair up; the first period is the rest of the one `now` falls in.
  static func tracker(
    _ configuration: DeploymentConfiguration, _ kernel: Kernel, _ slot: SlotID, _ now: Int64
  ) throws(AnalyticsConfigurationError) -> PerformanceTracker {
    let interval = max(configuration.statsInterval, 1)
    let remainder = now % interval
    let start = now - (remainder < 0 ? remainder + interval : remainder)
    return try PerformanceTracker(
      intervalNanoseconds: configuration.statsInterval, startTime: start,
      startEquity: kernel.slotEquity(slot).doubleValue)
  }

  /// The slot `slot` is compared with: its rules' `versus`, else the other A/B slot for an A/B
  /// slot, else the first production slot (none for a production slot itself).
  func partner(of slot: SlotID) -> SlotID? {
    if let versus = tracks[slot].rules.versus { return kernel.slotIndex(named: versus) }
    let role = kernel.slots[slot].role
    if role == .ab,
      let other = kernel.slots.first(where: { $0.role == .ab && $0.id != slot && !$0.isRetired })
    {
      return other.id
    }
    guard role != .production else { return nil }
    return promotionTarget(of: slot)
  }

  /// The slot a promotion of `slot` goes to: its rules' `versus` unless that is an A/B partner,
  /// else the first production slot.
  func promotionTarget(of slot: SlotID) -> SlotID? {
    if let versus = tracks[slot].rules.versus, let index = kernel.slotIndex(named: versus),
      kernel.slots[index].role == .production
    {
      return index
    }
    return kernel.slots.first { $0.role == .production && $0.id != slot && !$0.isRetired }?.id
  }

  // MARK: KernelSupervisor

  public func service(_ kernel: Kernel) {
    let (commands, loaded) = desk.drain()
    for outcome in loaded { install(outcome) }
    for command in commands { perform(command) }
    publish()
  }

  public func due(_ kernel: Kernel, now: Int64) {
    sample(now: now)
    evaluateRules(now: now)
    kernel.supervisorDue = now + configuration.checkInterval
    publish()
  }

  public func didFill(_ fill: Fill, change: PositionChange) {
    guard let trip = change.roundTrip, tracks[fill.slot].statisticsProblem == nil else { return }
    tracks[fill.slot].tracker.recordTrade(pnl: trip.netPnL.doubleValue)
  }

  /// Every live slot's equity into its tracker; closed periods into the paired comparisons
  /// (a slot is side A of its own comparison, its partner side B).
  func sample(now: Int64) {
    if closes.count != tracks.count { closes = Array(repeating: nil, count: tracks.count) }
    for index in closes.indices { closes[index] = nil }
    for slot in kernel.slots where !slot.isRetired {
      let errors = slot.pluginErrors - tracks[slot.id].errorBaseline
      while tracks[slot.id].tracker.errors < errors { tracks[slot.id].tracker.recordError() }
      guard tracks[slot.id].statisticsProblem == nil else { continue }
      closes[slot.id] = tracks[slot.id].tracker.observe(
        time: now, equity: kernel.slotEquity(slot.id).doubleValue)
    }
    for slot in tracks.indices where partners[slot] >= 0 {
      if let close = closes[slot] { tracks[slot].comparison.record(close, side: .a) }
      if let close = closes[partners[slot]] { tracks[slot].comparison.record(close, side: .b) }
    }
  }

  // MARK: Reports

  /// The slots as `tradehost slots` shows them.
  public func report() -> [SlotReport] {
    kernel.slots.map { slot in
      let track = tracks[slot.id]
      let partner = partners[slot.id]
      return SlotReport(
        name: slot.name, role: slot.role, plugin: slot.strategyID, version: slot.strategyVersion,
        previousVersion: track.previous?.instance.plugin.manifest.version.description,
        retired: slot.isRetired, tradingState: kernel.tradingState(slot: slot.id),
        versus: partner >= 0 ? kernel.slots[partner].name : nil,
        equity: FixedPoint.format(
          kernel.slotEquity(slot.id).raw, precision: kernel.configuration.currency.precision),
        scorecard: Scorecard(track.tracker),
        comparison: partner >= 0 ? track.comparison.result : nil, swaps: slot.swaps,
        lastOutcome: track.lastOutcome, promotion: track.waiting)
    }
  }

  func publish() { desk.publish(report()) }

  /// Records an outcome for a slot in the audit log and then for status and the desk; when the
  /// audit record could not be written, the outcome says the state is not saved (the command
  /// that caused it fails; the risk wrapper halts new orders at the next event).
  func audit(
    _ action: String, slot: SlotID, source: AuditSource, from: String?, to: String?,
    reason: String, values: [AuditRecord.Value] = []
  ) {
    let name = kernel.slots[slot].name
    let failure = audit?.append(
      AuditRecord(
        time: kernel.clock.now(), source: source, action: action, scope: "slot \(name)",
        from: from, to: to, reason: reason, values: values))
    let sentence =
      "\(action) \(name): \(reason)"
      + (failure.map { "; \(Self.notSaved): the audit record could not be written (\($0))" } ?? "")
    tracks[slot].lastOutcome = sentence
    desk.record(outcome: sentence)
  }

  /// What an outcome says when its audit record could not be written.
  public static let notSaved = "but the state is not saved"
}
