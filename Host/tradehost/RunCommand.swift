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

/// `tradehost run`: paper trading on the embedded synthetic market with the shipped plugins.
/// Needs no data file and no server; listens on the local control channel until stopped.
struct RunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Paper-trade strategy plugins on a seeded synthetic market (no setup needed).",
    discussion: """
      Generates bars for each --symbol from a seeded model (GBM with jumps and volatility \
      regimes), one bar of --bar-seconds every --interval-ms of wall time, runs the strategy in \
      a slot under the risk wrapper and simulated venue, and prints a status line every \
      --report-every bars (redrawn in place on a terminal). The session runs on the market's \
      clock: cooldowns, orders per day and rule periods count the bars' time, not the wall's \
      (with --interval-ms equal to the bar length the market runs in real time, on the wall \
      clock). The risk audit log, the refused orders (denials.jsonl) and the latched trading \
      states live in --state-dir, so a tripped limit survives a restart. Ctrl-C (SIGINT) or \
      SIGTERM stops it cleanly; --on-stop says what happens to positions.

      While it runs, these commands talk to it over a Unix socket only this user can use \
      (--socket as here): \
      `tradehost status` (state, orders, denials by reason, slots), \
      `pause`, `resume`, `reduce`, `kill`, `unfreeze` (risk controls, --slot or --instrument), \
      `stop`, `slots` (versions, scorecards, promotion), `reload ID`, `promote SLOT`, \
      `rollback SLOT`, `role SLOT ROLE`. SIGUSR1, the trigger file and (with --gpio) a \
      hardware button are kill switches too.
      """)

  @Option(
    name: .long,
    help:
      "A run config (YAML) with slots, roles, promotion and rollback rules, risk limits (docs/slots.md); replaces --strategy, --param and --cash."
  )
  var config: String?

  @Flag(
    name: .long, inversion: .prefixedNo,
    help: "Reload a strategy when its manifest or library changes on disk (inotify).")
  var watch = true

  @Option(name: .long, help: "The strategy plugin id.")
  var strategy = "ema-cross"

  @Option(name: .long, parsing: .singleValue, help: "A strategy parameter, NAME=VALUE (repeat).")
  var param: [String] = []

  @Option(
    name: .long, parsing: .singleValue, help: "A synthetic instrument (repeat; default SIM-A).")
  var symbol: [String] = []

  @Option(
    name: .long,
    help:
      "The venue that trades every instrument: an exchange plugin id, or simulator (the default; a config's venues: section chooses per instrument)."
  )
  var venue: String?

  @Option(name: .long, help: "Seed of the synthetic market (same seed, same prices).")
  var seed: UInt64 = 42

  @Option(name: .long, help: "Wall-clock milliseconds between bars (0: as fast as possible).")
  var intervalMs: Int = 200

  @Option(name: .long, help: "Simulated seconds each bar covers.")
  var barSeconds: Int = 60

  @Option(
    name: .long,
    help:
      "Replay this market-data file (any layout `backtest` reads) as the paper market instead of generated bars; --symbol names its instrument."
  )
  var replay: String?

  @Option(
    name: .long,
    help:
      "With --replay: times the file's own pace (1: as recorded, 60: a minute a second, 0: as fast as possible)."
  )
  var speed: Double = 1

  @Option(name: .long, help: "Stop after this many bars (default: run until stopped).")
  var bars: Int?

  @Option(name: .long, help: "Account cash in USD.")
  var cash = "100000"

  @Option(name: .long, help: "What to do with open positions on stop: flatten or keep.")
  var onStop = "flatten"

  @Option(name: .long, help: "Print a status line every N bars (0: never).")
  var reportEvery = 50

  @Option(
    name: .long,
    help:
      "The control socket (default: $TRADEHOST_SOCKET, $XDG_RUNTIME_DIR/tradehost/control.sock or /tmp/tradehost-UID/control.sock)."
  )
  var socket: String?

  @Option(
    name: .long, parsing: .singleValue,
    help:
      "A folder of plugin manifests; repeat for a search path, read in order (default: manifests). An id found in two folders is an error."
  )
  var manifests: [String] = []

  @OptionGroup var riskOptions: RiskOptions

  @OptionGroup var logOptions: LogOptions

  @OptionGroup var httpOptions: HTTPOptions

  @Option(
    name: .long,
    help:
      "Rotate the log file (tradehost.log in --state-dir) past this many MiB; one rotated file (tradehost.log.1) is kept."
  )
  var logFileMB = HostLog.defaultFileLimitMiB

  @Option(
    name: .long,
    help:
      "Folder of the audit log (audit.jsonl), the latched risk states (risk-state.json) and the trigger file (default $XDG_STATE_HOME/tradehost or ~/.local/state/tradehost)."
  )
  var stateDir: String?

  @Option(
    name: .long,
    help:
      "The journal's store: postgres://USER:PASSWORD@HOST:PORT/DB, sqlite:PATH or a path (default: journal.sqlite in --state-dir); none keeps no journal (paper only; docs/persistence.md)."
  )
  var store: String?

  @Flag(
    name: .long, inversion: .prefixedNo,
    help:
      "After an unclean exit, resume the session that died: replay its market to where its journal ends, check it, and go on (docs/persistence.md)."
  )
  var resume = true

  @Option(name: .long, help: "The kill trigger file (default: trigger in --state-dir).")
  var triggerFile: String?

  @Option(
    name: .long,
    help:
      "Rotate the journal of denied orders (denials.jsonl in --state-dir) past this many MiB; one rotated file (denials.jsonl.1) is kept."
  )
  var denialJournalMB = DenialFile.defaultLimitMiB

  @Flag(
    name: .long, help: "Use the GPIO kill button and status LEDs (libgpiod; docs/kill-switch.md).")
  var gpio = false

  @Option(name: .long, help: "The GPIO chip of --gpio (a name under /dev or a path).")
  var gpioChip = "gpiochip0"

  @Option(
    name: .long,
    help:
      "Report a strategy call that runs longer than this (status, log, audit); a kill then acts from the control side and a stop exits with status 3 (default: the run config's host.call_deadline_ms, else 5000)."
  )
  var callDeadlineMs: Int?

  func run() throws {
    guard let policy = StopPolicy(rawValue: onStop) else {
      printError("--on-stop must be flatten or keep, not '\(onStop)'")
      throw ExitCode(2)
    }
    guard intervalMs >= 0, barSeconds > 0 else {
      printError("--interval-ms must be >= 0 and --bar-seconds > 0")
      throw ExitCode(2)
    }
    guard speed >= 0, speed.isFinite else {
      printError("--speed must be a number >= 0 (0: as fast as possible), not \(speed)")
      throw ExitCode(2)
    }
    guard denialJournalMB > 0, denialJournalMB <= 1 << 20 else {
      printError("--denial-journal-mb must be between 1 and 1048576, not \(denialJournalMB)")
      throw ExitCode(2)
    }
    guard logFileMB > 0, logFileMB <= 1 << 20 else {
      printError("--log-file-mb must be between 1 and 1048576, not \(logFileMB)")
      throw ExitCode(2)
    }
    if let callDeadlineMs, !(1...3_600_000).contains(callDeadlineMs) {
      printError("--call-deadline-ms must be between 1 and 3600000, not \(callDeadlineMs)")
      throw ExitCode(2)
    }
    let pacer = RealTimePacer()
    let commands = RiskCommandQueue()
    let sources = KillSources(wake: pacer.wake)
    let link = JournalLink()
    let made = makeSession(pacer: pacer, commands: commands, sources: sources, link: link)
    guard case .success(let setup) = made else {
      if case .failure(let error) = made { printError(error.message) }
      throw ExitCode(2)
    }
    let session = setup.session
    let deployer = setup.deployer
    let marketDescription = setup.description
    let kernel = session.kernel
    let control = kernel.control
    let guarded = StallGuard(
      commands: commands, audit: setup.audit, store: setup.store,
      venues: kernel.venuesWhileStuck.map { .init(name: $0.name, exposure: $0.exposure) },
      clock: kernel.clock)
    sources.guarded = guarded
    let watchdog = Self.watchdog(
      kernel: kernel, guard: guarded,
      deadlineNanos: Int64(callDeadlineMs ?? setup.callDeadlineMs) * 1_000_000)
    do throws(JoinableThread.StartError) {
      try watchdog.start()
    } catch {
      printError("the watchdog thread could not start (error \(error.code))")
      throw ExitCode(1)
    }
    defer { watchdog.stop() }
    do throws(DeploymentError) {
      try deployer.startLoader()
    } catch {
      printError(error.description)
      throw ExitCode(1)
    }
    defer { deployer.stopLoader() }
    var watcher: DirectoryWatcher?
    if watch {
      do throws(DirectoryWatcherError) {
        watcher = try PluginFolderWatch.start(
          manifests: deployer.configuration.manifests, desk: deployer.desk)
      } catch {
        printError("watch: \(error) (run with --no-watch to go without)")
        throw ExitCode(2)
      }
    }
    defer { watcher?.stop() }
    let socketPath =
      socket ?? ControlSocket.defaultPath(environment: ProcessInfo.processInfo.environment)
    let handlers = Self.controlHandlers(
      base: HostControlHandlers.make(
        control: control, board: session.board, risk: guarded,
        slots: kernel.slots.map(\.name),
        instruments: kernel.configuration.instruments.map(\.qualifiedSymbol),
        deployments: deployer.desk, wake: pacer.wake),
      session: session, setup: setup, guarded: guarded)
    let server = ControlServer(socketPath: socketPath, handlers: handlers)
    do throws(RiskError) {
      try sources.start(
        triggerPath: triggerFile ?? stateDirectory + "/trigger",
        gpio: gpio ? GPIOConfiguration(chip: gpioChip) : nil)
    } catch {
      sources.stop()
      printError(error.description)
      throw ExitCode(2)
    }
    defer { sources.stop() }
    let signals = SignalWatcher(signals: [SIGINT, SIGTERM]) { signal in
      printError(
        "\n\(SignalWatcher.name(of: signal)): stopping (\(policy.rawValue) positions)",
        level: .notice)
      control.requestStop()
      pacer.wake()
    }
    do throws(SignalWatcherError) {
      try signals.start()
    } catch {
      printError("signals: \(error)")
      throw ExitCode(1)
    }
    do throws(ControlError) {
      try server.start()
    } catch {
      signals.stop()
      printError("control channel: \(error)")
      throw ExitCode(1)
    }
    defer {
      server.stop()
      signals.stop()
    }
    let http = try startHTTP(handlers: handlers, session: session, setup: setup, guarded: guarded)
    defer { http?.stop() }
    let slotNames = kernel.slots.map {
      "\($0.name) (\($0.role.rawValue): \($0.strategyID) \($0.strategyVersion))"
    }
    printError(
      "paper trading \(slotNames.joined(separator: ", ")) on \(marketDescription); control socket \(socketPath)\(watch ? "; watching \(deployer.configuration.manifests.joined(separator: ", "))" : ""); refused orders in \(denialsPath); log \(logPath); Ctrl-C stops",
      level: .notice)
    for line in StatusText.inactiveSlots(kernel.snapshot(state: "starting")) {
      printError(line, level: .warning)
    }
    for note in link.journal?.notes ?? [] { printError(note, level: .notice) }
    try recoverIfResuming(setup, link: link)
    let rounds = session.run(stopPolicy: policy)
    Console.standardError.finishStatus()
    let unjournaled = link.journal?.journal.close(stoppedAt: kernel.clock.now())
    let final = session.board.read()
    let ended = session.feedEnded ? " (the replay reached the end of its file)" : ""
    print(StatusText.render(final, title: "stopped after \(rounds) bars\(ended)"))
    if let unjournaled {
      printError("journal: \(unjournaled.description)")
      throw ExitCode(1)
    }
  }

  /// The journal's store: `--store`, the run config's `store:`, or journal.sqlite in the state
  /// folder; `nil` for `none`.
  func storeLocation(configured: String?) -> Result<StoreLocation?, PaperSetupError> {
    guard let store = store ?? configured else { return .success(.stateFolder(stateDirectory)) }
    if store == "none" { return .success(nil) }
    guard let location = StoreLocation(parsing: store) else {
      return .failure(
        PaperSetupError(
          message: "--store needs a PostgreSQL URL, sqlite:PATH, a path or none, not '\(store)'"))
    }
    return .success(location)
  }

  var symbolNames: [String] { symbol.isEmpty ? ["SIM-A"] : symbol }

  /// The refused orders' journal.
  var denialsPath: String { stateDirectory + "/denials.jsonl" }

  /// The log file (`HostLog`).
  var logPath: String { stateDirectory + "/tradehost.log" }

  /// Bar length in ns of market time.
  var barNanoseconds: Int64 { Int64(barSeconds) * 1_000_000_000 }

  /// Whether the generated market runs in real time (one bar per bar length of wall time):
  /// then the session keeps the wall clock.
  var realTime: Bool { Int64(intervalMs) * 1_000_000 == barNanoseconds }

  /// Which clock times the session, for the start line.
  var clockDescription: String {
    if realTime { return "real time, on the wall clock" }
    let pace =
      intervalMs == 0
      ? "as fast as it goes" : "every \(intervalMs) ms (\(barSeconds * 1000 / intervalMs)x)"
    return "market clock: a \(barSeconds) s bar \(pace)"
  }

  /// `--state-dir`, or `$XDG_STATE_HOME/tradehost`, or `~/.local/state/tradehost`.
  var stateDirectory: String { StateFolder.resolve(stateDir) }

  /// The watchdog of the kernel's strategy calls: an overdue call is logged, shown in status
  /// and audited (`StallGuard`); a stop while the kernel is stuck saves the account as halted
  /// and ends the process with `KernelWatchdog.stuckExitStatus`.
  static func watchdog(kernel: Kernel, guard stall: StallGuard, deadlineNanos: Int64)
    -> KernelWatchdog
  {
    let names = kernel.slots.map(\.name)
    let describe: @Sendable (CallStamp) -> (call: String, scope: String) = { stamp in
      let scope = stamp.slot.map { $0 < names.count ? "slot \(names[$0])" : "slot #\($0)" } ?? "kernel"
      return (stamp.call.name, scope)
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

  private func makeSession(
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
        recovery: opened?.resume.map { RunRecovery(resume: $0, wrapper: wrapper, saved: saved) }))
  }

  /// The run's slots, risk limits and deployment settings: from --config, or one production
  /// slot of --strategy with --param and --cash.
  private func runPlan() -> Result<BacktestPlan, PaperSetupError> {
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
  private func makeRiskWrapper(
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
