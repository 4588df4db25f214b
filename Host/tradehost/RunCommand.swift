import ArgumentParser
import Backtest
import Control
import Deployment
import Execution
import Foundation
import Kernel
import KillSwitch
import MarketData
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
      "When the generated market's first bar opens: a UTC time (2024-03-01T09:30:00Z, 2024-03-01) or epoch seconds; default now. Daily limits and sessions follow the market's clock, so the same seed and --start give the same trades."
  )
  var start: String?

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
    if start != nil, replay != nil || realTime {
      printError(
        "--start sets a generated market's clock; \(replay != nil ? "--replay runs on the file's own times" : "a real-time session runs on the wall clock")"
      )
      throw ExitCode(2)
    }
    if case .failure(let error) = marketStart {
      printError(error.message)
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
      venues: kernel.venuesWhileStuck.map {
        .init(name: $0.name, exposure: $0.exposure, cancel: $0.cancel)
      },
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

  /// `--start` read as epoch nanoseconds (`nil`: not given, the market starts now), or the
  /// message that says why it does not read.
  var marketStart: Result<Int64?, PaperSetupError> {
    guard let start else { return .success(nil) }
    if let seconds = Int64(start) {
      guard seconds >= 0, seconds <= Int64.max / 1_000_000_000 else {
        return .failure(PaperSetupError(message: "--start \(start): epoch seconds out of range"))
      }
      return .success(seconds * 1_000_000_000)
    }
    switch TimestampParser.parse(start) {
    case .success(let time): return .success(time)
    case .failure(let error):
      return .failure(
        PaperSetupError(
          message:
            "--start '\(start)': \(error) (a UTC time such as 2024-03-01T09:30:00Z, or epoch seconds)"
        ))
    }
  }

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
}
