import Execution
import Deployment
import Glibc
import Kernel
import MarketData
import PluginHost
import Risk
import TradingModel

/// Runs backtests: loads and merges the data, builds the instruments and the kernel, drives the
/// kernel over every event on the calling thread, and reports.
///
/// Conventions: a historical clock driven by the data; no look-ahead (a bar is processed at its
/// close time, resting orders meet only later prices); positions still open at the end stay open
/// and are valued at the last price (as NautilusTrader and backtrader report them).
public enum BacktestRunner {
  /// Loads the data and builds the kernel, guarded by a `RiskWrapper` enforcing `plan.risk`
  /// (its audit records go to `audit`), or by `gate` when one is given (benchmarks, tests).
  /// Throws `PlanError` with one line per problem: a bad file (with line and column), an
  /// unknown strategy, a bad parameter, inconsistent rules or risk limits.
  ///
  /// A slot deployer (hot reload, promotion, rollback, per-version statistics) manages the
  /// slots when `deployments` says so, or by default when the plan has a slot that is not
  /// production or has rules. In a backtest it loads new versions inline, between events, so a
  /// run with reloads is deterministic.
  public static func prepare(
    _ plan: BacktestPlan, registry: PluginRegistry, cacheDirectory: String?,
    recordEquityCurve: Bool = false, gate: (any RiskGate)? = nil,
    audit: AuditTrail = AuditTrail(), deployments: Bool? = nil,
    log: @escaping KernelLogSink = KernelLog.standardError
  ) throws(PlanError) -> PreparedBacktest {
    guard !plan.sources.isEmpty else {
      throw PlanError("no data: give --data FILE or a run config")
    }
    let market = try loadMarket(plan, cacheDirectory: cacheDirectory, log: log)
    let events = market.events
    let clock = HistoricalClock(start: events.first.map { $0.timestamp } ?? 0)
    let configuration = KernelConfiguration(
      instruments: market.instruments, currency: market.currency, slots: market.slots,
      execution: plan.execution, maxOrderQuantity: market.maxOrderQuantity,
      account: plan.account)
    var risk: RiskWrapper?
    if gate == nil {
      do {
        risk = try RiskWrapper(configuration: plan.risk, audit: audit)
      } catch {
        throw PlanError(error.description)
      }
    }
    let routes = try plan.venueRoutes(
      configuration: configuration, registry: registry,
      now: { clock.now() }, log: log)
    let kernel: Kernel
    do {
      kernel = try Kernel(
        configuration: configuration, registry: registry, clock: clock, gate: gate ?? risk,
        venues: routes, recordEquityCurve: recordEquityCurve, expectedEvents: events.count,
        log: log)
    } catch {
      throw PlanError(error.description)
    }
    var parameters: [String: [(String, String)]] = [:]
    for slot in plan.slots { parameters[slot.name] = slot.parameters }
    var deployer: SlotDeployer?
    if deployments ?? plan.hasDeployments {
      var rules: [String: SlotRules] = [:]
      for slot in plan.slots where slot.rules != SlotRules() { rules[slot.name] = slot.rules }
      let control = kernel.control
      do throws(DeploymentError) {
        deployer = try SlotDeployer(
          kernel: kernel,
          configuration: DeploymentConfiguration(
            manifests: plan.manifests ?? ["manifests"], rules: rules,
            statsInterval: plan.statsInterval,
            checkInterval: plan.checkInterval, loadInline: true, onChange: plan.onChange,
            keepVersions: plan.keepVersions),
          desk: DeploymentDesk(wake: { control.requestService() }), audit: audit)
      } catch {
        throw PlanError(error.description)
      }
    }
    return PreparedBacktest(
      kernel: kernel, events: events,
      // One line per file (a quote file and a trade file may feed one instrument).
      sources: plan.sources.map {
        ($0.path, InstrumentName($0.instrument)?.qualified ?? $0.instrument)
      },
      origins: market.origins,
      parameters: parameters, risk: risk, deployer: deployer)
  }

  /// Runs every event through the kernel on the calling thread and reports. `progress` is
  /// called every `progressEvery` events with the count done (terminal progress lines).
  public static func run(
    _ prepared: PreparedBacktest, progressEvery: Int = 0, progress: ((Int, Int) -> Void)? = nil
  ) -> BacktestReport {
    let kernel = prepared.kernel
    let total = prepared.events.count
    let start = monotonicNanoseconds()
    if let progress, progressEvery > 0 {
      var done = 0
      for event in prepared.events {
        kernel.process(event)
        done += 1
        if done % progressEvery == 0 { progress(done, total) }
      }
    } else {
      for event in prepared.events { kernel.process(event) }
    }
    let elapsed = Double(monotonicNanoseconds() - start) / 1e9
    return report(prepared, elapsedSeconds: elapsed)
  }

  /// The report of a run that has been driven (by `run` or by hand).
  public static func report(_ prepared: PreparedBacktest, elapsedSeconds: Double) -> BacktestReport
  {
    let kernel = prepared.kernel
    var report = BacktestReport(
      data: prepared.sources, execution: kernel.configuration.execution,
      statistics: .account(of: kernel), slots: SlotStatistics.all(of: kernel),
      parameters: prepared.parameters, fillDigest: kernel.fillDigest.hex,
      elapsedSeconds: elapsedSeconds)
    report.account = kernel.configuration.account
    if let simulator = kernel.simulator {
      report.fillsByReason = FillReason.allCases.map { ($0.name, simulator.fills($0)) }
    }
    report.amends = (
      kernel.counters.amendRequests, kernel.counters.amends, kernel.counters.amendRejections
    )
    report.denialsByReason = kernel.denialsByReason.map {
      ("\($0.reason.code) \($0.reason.text)", $0.count)
    }
    if let risk = prepared.risk {
      report.tradingStates = risk.nonActiveStates
      report.deploymentsFrozen = risk.deploymentsFrozen
      report.auditRecords = risk.audit.records.map(\.jsonLine)
    }
    if let deployer = prepared.deployer { report.deployment = deployer.report().map(\.json) }
    return report
  }

  static func monotonicNanoseconds() -> Int64 {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec)
  }

  static func load(
    _ source: BacktestPlan.Source, instrument: InstrumentID, cacheDirectory: String?
  ) throws(PlanError) -> LoadedSeries {
    var layout = LayoutChoice.detect
    if let name = source.layout {
      guard let choice = LayoutChoice(name: name) else {
        throw PlanError(
          "\(source.path): unknown layout '\(name)' (known: \(LayoutChoice.names.joined(separator: ", ")))"
        )
      }
      layout = choice
    }
    var side = BarSide.mid
    if let name = source.side {
      guard let value = BarSide(rawValue: name) else {
        throw PlanError("\(source.path): unknown side '\(name)' (bid, ask or mid)")
      }
      side = value
    }
    let options = CSVReadOptions(
      instrument: instrument, pricePrecision: source.pricePrecision,
      barDuration: source.barSeconds.map { Int64($0) * 1_000_000_000 },
      barTimestamp: source.timestampsAreClose ? .close : .open, barSide: side)
    let loader = MarketDataLoader(
      reader: CSVReader(layout: layout, options: options),
      cache: cacheDirectory.map { DataCache(directory: $0) })
    do {
      return try loader.load(path: source.path)
    } catch {
      throw PlanError(error.description)
    }
  }

  /// The instrument each `data:` source feeds, in source order (a name may repeat: a quote file
  /// and a trade file of one instrument, checked once they are read).
  static func instrumentNames(_ plan: BacktestPlan) throws(PlanError) -> [InstrumentName] {
    var names: [InstrumentName] = []
    var problems: [PlanError.Problem] = []
    for source in plan.sources {
      guard let name = InstrumentName(source.instrument) else {
        problems.append(
          .init(
            file: nil, line: nil, column: nil,
            message: "'\(source.instrument)' is not SYMBOL or SYMBOL.VENUE"))
        continue
      }
      names.append(name)
    }
    guard problems.isEmpty else { throw PlanError(problems) }
    return names
  }

  /// The slots' capital: `capital`, or `share` of the cash, or an equal part of what is left.
  /// On-book slots split the account's cash; a shadow slot's capital is notional (its own
  /// `capital` or `share`, else the first production slot's) and outside the account. A canary
  /// may hold at most `maxCanaryShare` of the cash.
  public static func slotSpecs(_ plan: BacktestPlan, currency: Currency) throws(PlanError)
    -> [SlotSpec]
  {
    guard let cash = Money(plan.cash, currency: currency), cash.raw > 0 else {
      throw PlanError(
        "cash '\(plan.cash)' is not a positive amount of \(currency) with at most \(currency.precision) decimals"
      )
    }
    var given = Money.zero(currency)
    var withoutCapital = 0
    var capitals: [Money?] = []
    var problems: [String] = []
    for slot in plan.slots {
      var capital: Money?
      if let text = slot.capital {
        guard let amount = Money(text, currency: currency), amount.raw > 0 else {
          throw PlanError(
            "slot '\(slot.name)': capital '\(text)' is not a positive amount of \(currency)")
        }
        capital = amount
      } else if let share = slot.share {
        capital = Money(raw: Int64((share * Double(cash.raw)).rounded(.down)), currency: currency)
      }
      if slot.role == .canary, let capital,
        Double(capital.raw) > plan.maxCanaryShare * Double(cash.raw) + 0.5
      {
        problems.append(
          "slot '\(slot.name)': a canary may hold at most \(plan.maxCanaryShare * 100)% of the cash (deployment.max_canary_share); it asks for \(capital)"
        )
      }
      if slot.role.isOnBook {
        if let capital { given += capital } else { withoutCapital += 1 }
      }
      capitals.append(capital)
    }
    guard problems.isEmpty else {
      throw PlanError(problems.map { .init(file: nil, line: nil, column: nil, message: $0) })
    }
    guard given <= cash else {
      throw PlanError("the slots' capital (\(given)) exceeds the account's cash (\(cash))")
    }
    guard let firstOnBook = plan.slots.firstIndex(where: { $0.role.isOnBook }) else {
      throw PlanError("every slot is a shadow: the account needs at least one slot on its books")
    }
    let remaining = cash - given
    if withoutCapital == 0 && remaining.raw > 0 {
      // Unallocated cash stays with the first on-book slot so the account total equals the cash.
      capitals[firstOnBook] = capitals[firstOnBook]! + remaining
    }
    let share = withoutCapital == 0 ? 0 : remaining.raw / Int64(withoutCapital)
    var leftover = withoutCapital == 0 ? 0 : remaining.raw - share * Int64(withoutCapital)
    for index in plan.slots.indices where capitals[index] == nil && plan.slots[index].role.isOnBook
    {
      var amount = Money(raw: share, currency: currency)
      if leftover > 0 {
        amount.raw += leftover
        leftover = 0
      }
      capitals[index] = amount
    }
    let production =
      plan.slots.indices.first { plan.slots[$0].role == .production }.flatMap { capitals[$0] }
      ?? capitals[firstOnBook]!
    return plan.slots.indices.map { index in
      let slot = plan.slots[index]
      var spec = SlotSpec(
        name: slot.name, strategy: slot.strategy, parameters: slot.parameters,
        capital: capitals[index] ?? production, role: slot.role)
      spec.bars = slot.bars
      return spec
    }
  }
}
