import ArgumentParser
import Backtest
import Control
import Execution
import Foundation
import Kernel
import MarketData
import PluginHost
import Risk
import TradingModel

/// `tradehost backtest`: run strategy plugins over market-data files and report.
struct BacktestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "backtest",
    abstract: "Backtest strategy plugins on market-data files.",
    discussion: """
      Give a run config (--config FILE, see docs/backtesting.md) or flags; flags override the \
      config. Example:
        tradehost backtest --data ../shared/data/bars/spy_1s_trade_bars_20131007_20131011.csv \
          --instrument SPY.ARCA --strategy ema-cross --param fast_period=10 --json
      """)

  @Option(name: .long, help: "A YAML run config.")
  var config: String?

  @Option(name: .long, help: "A market-data CSV file (repeat for several instruments).")
  var data: [String] = []

  @Option(
    name: .long,
    help: "The instrument of each --data file, SYMBOL or SYMBOL.VENUE (default: the file's name).")
  var instrument: [String] = []

  @Option(
    name: .long, help: "Layout of the --data files: detect, bars, bidask-bars, quotes, trades.")
  var layout: String?

  @Option(name: .long, help: "Price precision of the --data files (default: detected).")
  var pricePrecision: UInt8?

  @Option(name: .long, help: "The strategy plugin id (one slot; a config may hold several).")
  var strategy: String?

  @Option(name: .long, parsing: .singleValue, help: "A strategy parameter, NAME=VALUE (repeat).")
  var param: [String] = []

  @Option(name: .long, help: "Account cash (default 1000000).")
  var cash: String?

  @Option(name: .long, help: "Account currency (default USD).")
  var currency: String?

  @Option(
    name: .long,
    help:
      "When market orders fill: close (the signal bar's close), next-open, or realistic (next event, latency, volume cap, queue, impact, fees; docs/backtesting.md).")
  var fill: String?

  @Option(name: .long, help: "Fees in basis points: TAKER, or MAKER,TAKER (e.g. 0.5,2).")
  var fees: String?

  @Option(name: .long, help: "Adverse slippage of market and stop fills, in ticks.")
  var slippageTicks: Int?

  @Option(name: .long, help: "The largest order quantity (every instrument).")
  var maxOrderQuantity: String?

  @Option(
    name: .long, parsing: .singleValue,
    help:
      "A folder of plugin manifests; repeat for a search path, read in order (default: manifests). An id found in two folders is an error."
  )
  var manifests: [String] = []

  @OptionGroup var riskOptions: RiskOptions

  @Option(name: .long, help: "Append the risk audit log to this file (JSON lines).")
  var auditLog: String?

  @Option(name: .long, help: "Folder of the parsed-data cache (default ~/.cache/tradehost).")
  var cacheDir: String?

  @Option(
    name: .long,
    help:
      "The venue that trades every instrument: an exchange plugin id, or simulator (the default; a config's venues: section chooses per instrument)."
  )
  var venue: String?

  @Flag(name: .long, help: "Parse the data files even when a cached copy exists.")
  var noCache = false

  @Flag(name: .long, help: "Print one JSON object instead of the summary.")
  var json = false

  @Option(name: .long, help: "Write the equity curve (after every event) to this CSV file.")
  var equityCsv: String?

  @Option(name: .long, help: "Write every fill of the simulator, with its reason, to this CSV file.")
  var fillsCsv: String?

  @Flag(name: .long, help: "No progress line, even on a terminal.")
  var quiet = false

  @OptionGroup var logOptions: LogOptions

  @Option(
    name: .long,
    help:
      "Abandon the backtest (exit status 3) when one strategy call runs longer than this (default: the run config's host.call_deadline_ms, else 5000)."
  )
  var callDeadlineMs: Int?

  func run() throws {
    do throws(RiskError) {
      try HostLog.shared.configure(level: logOptions.level, file: nil, fileLimit: 0)
    } catch {
      printError(error.description)
      throw ExitCode(2)
    }
    let plan: BacktestPlan
    do {
      plan = try makePlan()
    } catch {
      printError(error.description)
      throw ExitCode(2)
    }
    let registry = PluginRegistry()
    do {
      try registry.loadDirectories(plan.manifests ?? ["manifests"], lazily: true)
    } catch {
      printError(error.description)
      throw ExitCode(2)
    }
    let audit: AuditTrail
    do {
      audit =
        try auditLog.map { path throws(RiskError) in try AuditTrail(appendingTo: path) }
        ?? AuditTrail()
    } catch {
      printError(error.description)
      throw ExitCode(2)
    }
    let prepared: PreparedBacktest
    do {
      prepared = try BacktestRunner.prepare(
        plan, registry: registry, cacheDirectory: cacheDirectory(),
        recordEquityCurve: equityCsv != nil, audit: audit, log: HostLog.kernelSink)
    } catch {
      printError(error.description)
      for problem in registry.errors
      where plan.slots.contains(where: { $0.strategy == problem.plugin }) {
        printError(problem.description)
      }
      throw ExitCode(2)
    }
    let watchdog = Self.watchdog(
      kernel: prepared.kernel, audit: audit,
      deadlineNanos: Int64(plan.callDeadlineMs ?? PaperSetup.defaultCallDeadlineMs) * 1_000_000)
    do throws(JoinableThread.StartError) {
      try watchdog.start()
    } catch {
      printError("the watchdog thread could not start (error \(error.code))")
      throw ExitCode(1)
    }
    defer { watchdog.stop() }
    if fillsCsv != nil { prepared.kernel.simulator?.recordsFills = true }
    let showProgress = !quiet && isatty(2) == 1
    let report = BacktestRunner.run(
      prepared, progressEvery: showProgress ? 65_536 : 0,
      progress: showProgress
        ? { done, total in
          printError("\r\(done * 100 / max(total, 1))% (\(done)/\(total) events)", newline: false)
        } : nil)
    if showProgress { printError("\r\u{1B}[K", newline: false) }
    if let equityCsv {
      do {
        try EquityCurveCSV.write(
          prepared.kernel.recorder, currency: prepared.kernel.configuration.currency, to: equityCsv)
      } catch {
        printError("cannot write the equity curve to \(equityCsv): \(error)")
        throw ExitCode(1)
      }
    }
    if let fillsCsv {
      do {
        try FillsCSV.write(
          prepared.kernel.simulator?.fillLog ?? [],
          instruments: prepared.kernel.configuration.instruments, to: fillsCsv)
      } catch {
        printError("cannot write the fills to \(fillsCsv): \(error)")
        throw ExitCode(1)
      }
    }
    print(json ? report.json : report.summary)
  }

  /// The watchdog of a backtest: a strategy or venue call past the deadline is reported (stderr
  /// and the audit log) and the backtest is abandoned with `KernelWatchdog.stuckExitStatus`,
  /// since the kernel thread may never return and no result could be trusted.
  static func watchdog(kernel: Kernel, audit: AuditTrail, deadlineNanos: Int64) -> KernelWatchdog {
    let names = kernel.slots.map(\.name)
    let venues = kernel.venuesWhileStuck.map(\.name)
    let clock = kernel.clock
    return KernelWatchdog(
      stamps: kernel.callStamps, control: nil, deadlineNanos: deadlineNanos,
      onOverdue: { stamp, elapsed in
        let scope = KernelWatchdog.scope(of: stamp, slots: names, venues: venues)
        let reason =
          "\(scope): \(stamp.call.name) has not returned after \(elapsed / 1_000_000) ms (deadline \(deadlineNanos / 1_000_000) ms): the backtest is abandoned"
        audit.append(
          AuditRecord(
            time: clock.now(), source: .watchdog, action: "overdue", scope: scope,
            reason: reason,
            values: [
              .init("call", stamp.call.name), .init("elapsed_ms", String(elapsed / 1_000_000)),
              .init("deadline_ms", String(deadlineNanos / 1_000_000)),
            ]))
        printError("watchdog: \(reason) (exit status \(KernelWatchdog.stuckExitStatus))")
        KernelWatchdog.exitStuck()
      },
      onReturned: { _, _ in })
  }

  private func cacheDirectory() -> String? {
    if noCache { return nil }
    return cacheDir ?? DataCache.defaultDirectory(environment: ProcessInfo.processInfo.environment)
  }

  /// The run config (if any) with the flags applied over it.
  func makePlan() throws(PlanError) -> BacktestPlan {
    var plan = BacktestPlan()
    if let config { plan = try BacktestPlan.load(path: config) }
    if !data.isEmpty {
      guard instrument.isEmpty || instrument.count == data.count else {
        throw PlanError(
          "give one --instrument per --data file (\(data.count) files, \(instrument.count) instruments)"
        )
      }
      plan.sources = data.enumerated().map { index, path in
        let name = instrument.isEmpty ? Self.defaultInstrument(path) : instrument[index]
        return BacktestPlan.Source(
          path: path, instrument: name, layout: layout, pricePrecision: pricePrecision)
      }
    }
    if let strategy {
      let parameters: [(String, String)]
      switch ParameterFlags.parse(param) {
      case .success(let pairs): parameters = pairs
      case .failure(let error): throw PlanError(error.message)
      }
      plan.slots = [
        BacktestPlan.SlotPlan(name: strategy, strategy: strategy, parameters: parameters)
      ]
    } else if !param.isEmpty {
      throw PlanError("--param needs --strategy")
    }
    if let cash { plan.cash = cash }
    if let currency { plan.currency = currency }
    if let fill {
      if fill == "realistic" {
        plan.execution = .realistic
      } else if let timing = MarketFillTiming(rawValue: fill) {
        plan.execution.marketFill = timing
      } else {
        throw PlanError("--fill must be close, next-open or realistic, not '\(fill)'")
      }
    }
    if let fees { plan.execution.fees = try Self.parseFees(fees) }
    if let slippageTicks {
      guard slippageTicks >= 0 else { throw PlanError("--slippage-ticks must be >= 0") }
      plan.execution.slippageTicks = Int64(slippageTicks)
    }
    if let maxOrderQuantity {
      for source in plan.sources {
        plan.instruments[source.instrument, default: BacktestPlan.InstrumentRules()]
          .maxOrderQuantity = maxOrderQuantity
      }
    }
    if !manifests.isEmpty { plan.manifests = manifests }
    if let callDeadlineMs {
      guard (1...3_600_000).contains(callDeadlineMs) else {
        throw PlanError("--call-deadline-ms must be between 1 and 3600000, not \(callDeadlineMs)")
      }
      plan.callDeadlineMs = callDeadlineMs
    }
    if let venue { plan.venues = ["*": VenuePlan(plugin: venue)] }
    plan.risk = try riskOptions.configuration(over: plan.risk, currency: plan.currency)
    plan.account = riskOptions.account ?? plan.account
    return plan
  }

  static func parseFees(_ text: String) throws(PlanError) -> FeeSchedule {
    let parts = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    guard (1...2).contains(parts.count) else {
      throw PlanError("--fees must be TAKER or MAKER,TAKER basis points")
    }
    var rates: [BasisPoints] = []
    for part in parts {
      guard let rate = BasisPoints(part) else {
        throw PlanError("--fees: '\(part)' is not basis points with at most 2 decimals")
      }
      rates.append(rate)
    }
    return parts.count == 1
      ? FeeSchedule(maker: rates[0], taker: rates[0])
      : FeeSchedule(maker: rates[0], taker: rates[1])
  }

  /// `SPY` from `.../spy_1s_trade_bars.csv`: the file name's first word, upper-cased.
  static func defaultInstrument(_ path: String) -> String {
    let name = (path as NSString).lastPathComponent
    let word = name.split(whereSeparator: { $0 == "_" || $0 == "." || $0 == "-" }).first ?? "DATA"
    return word.uppercased()
  }
}
