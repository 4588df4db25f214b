import ArgumentParser
import Foundation
import MarketData
import PluginHost
import PluginManifest

/// `tradehost indicators`: what the indicator plugins are, and their outputs over a data file.
struct IndicatorsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "indicators",
    abstract: "List the indicator plugins, or run one over a data file into a CSV.",
    subcommands: [ListCommand.self, RunCommand.self])

  /// `tradehost indicators list`: every indicator's input, parameters and outputs.
  struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "list",
      abstract: "Show each indicator's input, parameters (type, default, range) and outputs.")

    @Option(
      name: .long, parsing: .singleValue,
      help: "A folder of plugin manifests; repeat for a search path (default: manifests).")
    var manifests: [String] = []

    func run() throws {
      var problems = 0
      var seen: Set<String> = []
      for folder in manifests.isEmpty ? ["manifests"] : manifests {
        let files: [String]
        do { files = try ManifestParser.manifestFiles(in: folder) } catch {
          printError(error.description)
          throw ExitCode(2)
        }
        for file in files {
          switch ManifestParser.load(path: file) {
          case .failure(let error):
            problems += 1
            for problem in error.problems { printError(problem.description) }
          case .success(let manifest):
            guard manifest.kind == .indicator, seen.insert(manifest.id).inserted else { continue }
            print(IndicatorListing.describe(manifest), terminator: "")
          }
        }
      }
      if problems > 0 { throw ExitCode(1) }
    }
  }

  /// `tradehost indicators run`: every output of one indicator for every bar of a file.
  struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "run",
      abstract: "Feed every bar of a data file to an indicator and write its outputs as CSV.",
      discussion: """
        The CSV has a header `ts_event,<output>,...` and one row per bar: the bar's close time \
        (nanoseconds since the epoch) and each output, empty while the indicator warms up. \
        Value-input indicators are fed each bar's close.
        """)

    @Argument(help: "The indicator's manifest id (see `tradehost indicators list`).")
    var id: String

    @Option(name: .long, help: "A bar file in any layout `backtest` reads.")
    var data: String

    @Option(name: .long, parsing: .singleValue, help: "NAME=VALUE; overrides a default.")
    var param: [String] = []

    @Option(name: .long, help: "Where to write the CSV ('-' for standard output).")
    var csv: String

    @Option(
      name: .long, parsing: .singleValue,
      help: "A folder of plugin manifests; repeat for a search path (default: manifests).")
    var manifests: [String] = []

    func run() throws {
      let parameters: [(String, String)]
      switch ParameterFlags.parse(param) {
      case .success(let pairs): parameters = pairs
      case .failure(let problem):
        printError(problem.message)
        throw ExitCode(2)
      }
      let registry = PluginRegistry()
      do {
        try registry.loadDirectories(manifests.isEmpty ? ["manifests"] : manifests, lazily: true)
      } catch {
        printError(error.description)
        throw ExitCode(2)
      }
      let environment = IndicatorEnvironment()
      let indicator: IndicatorInstance
      do {
        indicator = try registry.makeIndicator(id, parameters: parameters, environment: environment)
      } catch {
        for problem in registry.errors where problem.plugin == id { printError(problem.description) }
        printError(error.description)
        throw ExitCode(1)
      }
      guard indicator.plugin.kind == .indicator else {
        printError("\(id) is a \(indicator.plugin.kind.rawValue), not an indicator")
        throw ExitCode(1)
      }
      let series: MarketSeries
      do { series = try MarketDataLoader().load(path: data).series } catch {
        printError(error.description)
        throw ExitCode(1)
      }
      guard let bars = series.bars else {
        printError("\(data): holds quotes or trades; indicators run over bar files")
        throw ExitCode(1)
      }
      let text = IndicatorCSV.render(indicator, bars: bars.bars)
      do {
        if csv == "-" {
          FileHandle.standardOutput.write(Data(text.utf8))
        } else {
          try Data(text.utf8).write(to: URL(fileURLWithPath: csv), options: .atomic)
        }
      } catch {
        printError("cannot write \(csv): \(error.localizedDescription)")
        throw ExitCode(1)
      }
    }
  }
}
