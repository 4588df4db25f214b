import ArgumentParser
import Backtest
import Control
import Deployment
import Execution
import Foundation
import Kernel
import KillSwitch
import PluginHost
import Risk
import Store
import TradingModel

/// How `tradehost run` builds its paper session: the kernel watchdog, the session with its
/// slots, deployer and risk wrapper, and the run plan they come from.
extension RunCommand {
  /// The watchdog of the kernel's strategy and venue calls: an overdue call is logged, shown in status
  /// and audited (`StallGuard`); a stop while the kernel is stuck saves the account as halted
  /// and ends the process with `KernelWatchdog.stuckExitStatus`.
  static func watchdog(kernel: Kernel, guard stall: StallGuard, deadlineNanos: Int64)
    -> KernelWatchdog
  {
    let names = kernel.slots.map(\.name)
    let venues = kernel.venuesWhileStuck.map(\.name)
    let describe: @Sendable (CallStamp) -> (call: String, scope: String) = { stamp in
      (stamp.call.name, KernelWatchdog.scope(of: stamp, slots: names, venues: venues))
    }
    return KernelWatchdog(
      stamps: kernel.callStamps, control: kernel.control, deadlineNanos: deadlineNanos,
      onOverdue: { stamp, elapsed in
        let (call, scope) = describe(stamp)
        let failure = stall.kernelOverdue(
          call, scope: scope, elapsedNanos: elapsed, deadlineNanos: deadlineNanos)
        printError(
          "watchdog: \(scope): \(call) has not returned after \(elapsed / 1_000_000) ms (deadline \(deadlineNanos / 1_000_000) ms); a kill of the account acts from the control side, a stop exits with status \(KernelWatchdog.stuckExitStatus)"
        )
        if let failure {
          printError("watchdog: a queued kill could not save the halted state: \(failure)")
        }
      },
      onReturned: { stamp, elapsed in
        let (call, scope) = describe(stamp)
        printError("watchdog: \(scope): \(call) returned after \(elapsed / 1_000_000) ms")
        stall.kernelReturned(call, scope: scope, elapsedNanos: elapsed)
      },
      onStuckStop: {
        let saved = stall.forcedStop(detail: "stop requested while the kernel thread was stuck")
        printError(
          "stopping without the kernel thread, stuck in \(stall.stuckCall ?? "a plugin call"): orders were not cancelled and positions not closed; the account is halted\(saved.map { ", but the state could not be saved: \($0)" } ?? " and saved") (exit status \(KernelWatchdog.stuckExitStatus))"
        )
        KernelWatchdog.exitStuck()
      })
  }

  func makeSession(
    pacer: RealTimePacer, commands: RiskCommandQueue, sources: KillSources, link: JournalLink
  ) -> Result<PaperSetup, PaperSetupError> {
    let currency = Currency.usd
    let plan: BacktestPlan
    switch runPlan() {
    case .success(let made): plan = made
    case .failure(let error): return .failure(error)
    }
    let opened: RunStore?
    switch openRunStore(plan: plan) {
    case .success(let made): opened = made
    case .failure(let error): return .failure(error)
    }
    let market: PaperMarket
    switch paperMarket(plan: plan, currency: currency, start: opened?.resume?.marketStart) {
    case .success(let made): market = made
    case .failure(let error): return .failure(error)
    }
    let slots = market.slots
    let folders = manifests.isEmpty ? plan.manifests ?? ["manifests"] : manifests
    let registry = PluginRegistry()
    do {
      try registry.loadDirectories(folders, lazily: true)
    } catch {
      return .failure(PaperSetupError(message: error.description))
    }
    let configuration = KernelConfiguration(
      instruments: market.instruments, currency: currency, slots: slots,
      execution: plan.execution, maxOrderQuantity: market.maxOrderQuantity,
      account: riskOptions.account ?? plan.account)
    let wrapper: RiskWrapper
    let store: RiskStateStore
    let saved: RiskStateSnapshot?
    switch makeRiskWrapper(
      currency: currency, base: plan.risk, commands: commands, link: link, resume: opened?.resume)
    {
    case .success(let made): (wrapper, store, saved) = made
    case .failure(let error): return .failure(error)
    }
    let clock = market.clock
    let routes: VenueRoutes?
    do throws(PlanError) {
      routes = try plan.venueRoutes(
        configuration: configuration, registry: registry, now: { clock.now() },
        log: HostLog.kernelSink, streamsMarketData: true)
    } catch {
      return .failure(PaperSetupError(message: error.description))
    }
    let kernel: Kernel
    do {
      kernel = try Kernel(
        configuration: configuration, registry: registry,
        clock: market.clock, gate: wrapper, venues: routes, log: HostLog.kernelSink)
    } catch {
      let strategies = Set(slots.map(\.strategy))
      let loadProblems = registry.errors.filter { strategies.contains($0.plugin) }.map(
        \.description)
      return .failure(
        PaperSetupError(message: ([error.description] + loadProblems).joined(separator: "\n")))
    }
    link.kernel = kernel
    if let opened {
      let record = marketRecord(opened: opened, market: market, startingRisk: saved)
      switch RunJournal.open(opened, kernel: kernel, market: record, now: kernel.clock.now()) {
      case .success(let journal):
        link.journal = journal
        kernel.journal = journal.journal
      case .failure(let error): return .failure(error)
      }
    }
    let deployer: SlotDeployer
    do throws(DeploymentError) {
      var rules: [String: SlotRules] = [:]
      for slot in plan.slots where slot.rules != SlotRules() { rules[slot.name] = slot.rules }
      let control = kernel.control
      deployer = try SlotDeployer(
        kernel: kernel,
        configuration: DeploymentConfiguration(
          manifests: folders, rules: rules, statsInterval: plan.statsInterval,
          checkInterval: plan.checkInterval, onChange: plan.onChange,
          keepVersions: plan.keepVersions),
        desk: DeploymentDesk(wake: {
          control.requestService()
          pacer.wake()
        }), audit: wrapper.audit)
    } catch {
      return .failure(PaperSetupError(message: error.description))
    }
    let denials: DenialFile
    do throws(RiskError) {
      denials = try DenialFile(path: denialsPath, limit: denialJournalMB * 1_048_576)
    } catch {
      return .failure(PaperSetupError(message: error.description))
    }
    link.denials = denials
    return .success(
      PaperSetup(
        session: PaperSession(
          kernel: kernel,
          feed: market.feed, time: market.time, speed: market.speed,
          pacer: pacer, maxBars: bars, progressEvery: reportEvery, denialsFile: denialsPath,
          progress: { snapshot in Console.standardError.status(StatusText.line(snapshot)) },
          afterTick: {
            sources.showState(wrapper.worstState)
            denials.drain(kernel)
            link.journal?.reportFailure()
          },
          afterRound: { round, time in link.journal?.round(round, time: time, kernel: kernel) }),
        deployer: deployer, description: market.description, audit: wrapper.audit,
        store: store, callDeadlineMs: plan.callDeadlineMs ?? PaperSetup.defaultCallDeadlineMs,
        recovery: opened?.resume.map {
          RunRecovery(
            resume: $0, wrapper: wrapper, saved: saved,
            auditLines: AuditLines.since($0.marketStart, path: wrapper.audit.path))
        }))
  }

  /// The run's slots, risk limits and deployment settings: from --config, or one production
  /// slot of --strategy with --param and --cash.
  func runPlan() -> Result<BacktestPlan, PaperSetupError> {
    if let config {
      do throws(PlanError) {
        var plan = try BacktestPlan.load(path: config, requireData: false)
        if let venue { plan.venues = ["*": VenuePlan(plugin: venue)] }
        return .success(plan)
      } catch {
        return .failure(PaperSetupError(message: error.description))
      }
    }
    var plan = BacktestPlan()
    plan.cash = cash
    plan.risk = RiskConfiguration()
    switch ParameterFlags.parse(param) {
    case .success(let pairs):
      plan.slots = [.init(name: "production", strategy: strategy, parameters: pairs)]
    case .failure(let error): return .failure(PaperSetupError(message: error.message))
    }
    if let venue { plan.venues = ["*": VenuePlan(plugin: venue)] }
    return .success(plan)
  }

  /// The risk wrapper of the run: limits from --risk-preset and --risk, the audit log appended
  /// to --state-dir/audit.jsonl, and the latched states restored from and saved to
  /// --state-dir/risk-state.json.
  func makeRiskWrapper(
    currency: Currency, base: RiskConfiguration, commands: RiskCommandQueue, link: JournalLink,
    resume: ResumePoint?
  ) -> Result<(RiskWrapper, RiskStateStore, RiskStateSnapshot?), PaperSetupError> {
    let configuration: RiskConfiguration
    do throws(PlanError) {
      configuration = try riskOptions.configuration(over: base, currency: currency.code)
    } catch {
      return .failure(PaperSetupError(message: error.description))
    }
    let directory = stateDirectory
    do throws(ControlError) {
      try PrivateDirectory.prepare(directory)
    } catch {
      return .failure(PaperSetupError(message: StateFolderError.describe(error, folder: directory)))
    }
    do throws(RiskError) {
      try HostLog.shared.configure(
        level: logOptions.level, file: logPath, fileLimit: logFileMB * 1_048_576)
    } catch {
      return .failure(PaperSetupError(message: error.description))
    }
    let statePath = directory + "/risk-state.json"
    do throws(RiskError) {
      try RiskStateFile.checkWritable(folder: directory)
      let saved = try RiskStateFile.load(statePath)
      let audit = try AuditTrail(appendingTo: directory + "/audit.jsonl") { record in
        // The journal takes records from the kernel thread (the main thread here) only; what
        // the control side audits while the kernel is stuck is in audit.jsonl alone.
        if Thread.isMainThread { link.journal?.audit(record, kernel: link.kernel) }
        printError(
          "audit: \(record.scope) \(record.action) \(record.to.map { "-> \($0) " } ?? "")(\(record.reason))",
          level: .notice)
      }
      // A resumed chain replays from the states it began with; those saved last are re-applied
      // after the replay (`RunRecovery`).
      let wrapper = try RiskWrapper(
        configuration: configuration, audit: audit, commands: commands,
        restoring: resume.map(\.riskState) ?? saved)
      let store = RiskStateStore(path: statePath, restored: saved)
      wrapper.onStateChange = { snapshot throws(RiskError) in
        do throws(RiskError) {
          try store.save(snapshot)
        } catch {
          printError(error.description)
          throw error
        }
      }
      return .success((wrapper, store, saved))
    } catch {
      return .failure(PaperSetupError(message: error.description))
    }
  }
}

/// What `RunCommand.makeSession` builds: the session, its deployer, the market's description,
/// the audit trail and risk state store of its risk wrapper, the run config's call deadline and
/// the chain it resumes.
struct PaperSetup {
  /// The watchdog's deadline when neither the run config nor the flag gives one, ms.
  static let defaultCallDeadlineMs = 5000

  let session: PaperSession
  let deployer: SlotDeployer
  let description: String
  let audit: AuditTrail
  let store: RiskStateStore
  let callDeadlineMs: Int
  /// The chain this run resumes, replayed before it trades (`nil`: a new chain).
  let recovery: RunRecovery?
}

/// A paper session could not be set up (one message).
struct PaperSetupError: Error {
  let message: String
}
