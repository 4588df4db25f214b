import ArgumentParser
import Backtest
import Control
import Foundation
import Kernel
import MarketData
import PluginHost
import PluginManifest
import Selector
import Synchronization

/// `tradehost evolve`: search strategy parameters with a genetic algorithm, scored out of
/// sample by walk-forward validation, and report the champion (docs/selector.md).
struct EvolveCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "evolve",
    abstract: "Evolve strategy parameters, scored out of sample by walk-forward validation.",
    discussion: """
      Each --strategy's manifest parameters define its genome (bounded int and float \
      parameters, bool and enum parameters are searched; others keep their default). A run \
      config (--config) gives the rules every evaluation runs under: execution, fees, venues, \
      risk. See docs/selector.md. Example:
        tradehost evolve --data ../shared/data/bars/spy_1s_trade_bars_20131007_20131011.csv \\
          --strategy ema-cross --range fast_period=2:50 --range slow_period=10:300 \\
          --population 32 --generations 8 --seed 7 --out evolve-run
      """)

  @Option(
    name: .long, help: "A YAML run config: its data, account, execution, venues and risk apply.")
  var config: String?

  @Option(name: .long, help: "A market-data CSV file (repeat for several instruments).")
  var data: [String] = []

  @Option(name: .long, help: "The instrument of each --data file (default: the file's name).")
  var instrument: [String] = []

  @Option(
    name: .long, help: "Layout of the --data files: detect, bars, bidask-bars, quotes, trades.")
  var layout: String?

  @Option(
    name: .long, help: "A competing strategy plugin id (repeat; default: the config's slots).")
  var strategy: [String] = []

  @Option(
    name: .long, parsing: .singleValue,
    help: "Hold a parameter at a value: [STRATEGY.]NAME=VALUE (repeat).")
  var param: [String] = []

  @Option(
    name: .long, parsing: .singleValue,
    help: "Search a parameter within bounds: [STRATEGY.]NAME=LOW:HIGH (repeat).")
  var range: [String] = []

  @Option(name: .long, help: "Genomes per generation (default 32).")
  var population = 32

  @Option(name: .long, help: "Generations (default 10).")
  var generations = 10

  @Option(name: .long, help: "The seed of the search (default 1).")
  var seed: UInt64 = 1

  @Option(name: .long, help: "Walk-forward folds (default 4).")
  var folds = 4

  @Option(
    name: .long,
    help:
      "Events left out between windows: a count, or a share of the data such as 1% (default 1%).")
  var embargo = "1%"

  @Option(name: .long, help: "Threads evaluating genomes (default: the number of cores).")
  var jobs: Int?

  @Option(name: .long, help: "Fitness charge per unit of maximum drawdown (default 1).")
  var drawdownPenalty = 1.0

  @Option(name: .long, help: "The least out-of-sample fitness of a champion (default 0).")
  var minOos = 0.0

  @Option(name: .long, help: "The least deflated Sharpe ratio of a champion (default 0.95).")
  var minDsr = 0.95

  @Option(name: .long, help: "Account cash (default: the config's, else 1000000).")
  var cash: String?

  @Option(
    name: .long, parsing: .singleValue,
    help: "A folder of plugin manifests; repeat for a search path (default: manifests).")
  var manifests: [String] = []

  @Option(
    name: .long,
    help: "Keep every generation (JSON lines), the report and the champion's run config here.")
  var out: String?

  @Option(name: .long, help: "Continue the interrupted run kept in this folder (same flags).")
  var resume: String?

  @Option(name: .long, help: "Folder of the parsed-data cache (default ~/.cache/tradehost).")
  var cacheDir: String?

  @Flag(name: .long, help: "Parse the data files even when a cached copy exists.")
  var noCache = false

  @Flag(name: .long, help: "Print one JSON object instead of the summary.")
  var json = false

  @Flag(name: .long, help: "No progress bar, even on a terminal.")
  var quiet = false

  func run() throws {
    let setup: EvolveSetup
    do {
      setup = try EvolveSetup(command: self)
    } catch {
      printError(error.description)
      throw ExitCode(2)
    }
    let folder = resume ?? out
    var resumed: [GenerationRecord] = []
    if let folder {
      do {
        resumed = try EvolveFolder.prepare(
          folder, resuming: resume != nil, header: setup.header, evolution: setup.evolution,
          warn: { printError($0, level: .warning) })
      } catch {
        printError(error.description)
        throw ExitCode(2)
      }
    }
    let report: EvolutionReport
    do {
      report = try runSearch(setup, folder: folder, resumed: resumed)
    } catch {
      printError(error.description)
      throw ExitCode(1)
    }
    let spaces = setup.evolution.evaluator.spaces
    if let folder {
      do {
        try EvolveFolder.finish(folder, report: report, spaces: spaces, setup: setup)
      } catch {
        printError(error.description)
        throw ExitCode(1)
      }
    }
    print(json ? report.json(spaces: spaces).jsonText : EvolveSummary.text(report))
  }

  private func runSearch(_ setup: EvolveSetup, folder: String?, resumed: [GenerationRecord])
    throws(SelectorError) -> EvolutionReport
  {
    let evolution = setup.evolution
    let spaces = evolution.evaluator.spaces
    let showProgress = !quiet && isatty(2) == 1
    let start = Self.monotonicNanoseconds()
    let generations = evolution.settings.generations
    let population = evolution.settings.breeding.population
    let counted = EvaluationCounter()
    let report = try evolution.run(
      resumed: resumed,
      recorded: { record throws(SelectorError) in
        counted.finishGeneration()
        if let folder { try EvolveFolder.append(record, to: folder, spaces: spaces) }
      },
      progress: { progress in
        let evaluated = counted.evaluated(progress.done)
        guard showProgress else { return }
        let remaining =
          (progress.total - progress.done)
          + (generations - progress.generation - 1) * population
        Console.standardError.status(
          EvolveProgress.line(
            progress, generations: generations, evaluated: evaluated, remaining: remaining,
            elapsedNanoseconds: Self.monotonicNanoseconds() - start))
      })
    if showProgress { Console.standardError.finishStatus() }
    return report
  }

  static func monotonicNanoseconds() -> Int64 {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec)
  }
}

/// Evaluations done so far, across generations (for the progress line's rate).
private final class EvaluationCounter: Sendable {
  private let state = Mutex((finished: 0, current: 0))

  /// Records that `done` evaluations of the current generation are finished; returns the total.
  func evaluated(_ done: Int) -> Int {
    state.withLock { state in
      state.current = done
      return state.finished + done
    }
  }

  func finishGeneration() {
    state.withLock { state in
      state.finished += state.current
      state.current = 0
    }
  }
}
