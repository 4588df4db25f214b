import Backtest
import Control
import Foundation
import Kernel
import MarketData
import PluginHost
import PluginManifest
import Selector

/// What `tradehost evolve`'s flags and run config add up to: the plan, the competing strategies'
/// spaces, the data loaded once, and the search ready to run.
struct EvolveSetup {
  let plan: BacktestPlan
  let evolution: Evolution
  /// The settings, strategies and data a `--resume` folder must match (its `run.json`).
  let header: JSONValue
  let configPath: String?

  init(command: EvolveCommand) throws(SelectorError) {
    var plan = BacktestPlan()
    do throws(PlanError) {
      if let config = command.config {
        plan = try BacktestPlan.load(path: config, requireData: command.data.isEmpty)
      }
      if !command.data.isEmpty {
        guard command.instrument.isEmpty || command.instrument.count == command.data.count else {
          throw PlanError(
            "give one --instrument per --data file (\(command.data.count) files, \(command.instrument.count) instruments)"
          )
        }
        plan.sources = command.data.enumerated().map { index, path in
          BacktestPlan.Source(
            path: path,
            instrument: command.instrument.isEmpty
              ? BacktestCommand.defaultInstrument(path) : command.instrument[index],
            layout: command.layout)
        }
      }
    } catch {
      throw SelectorError(error.problems.map(\.description))
    }
    if let cash = command.cash { plan.cash = cash }
    if !command.manifests.isEmpty { plan.manifests = command.manifests }
    guard !plan.sources.isEmpty else {
      throw SelectorError("no data: give --data FILE or a run config")
    }
    var ids = command.strategy
    if ids.isEmpty { ids = plan.slots.map(\.strategy) }
    ids = ids.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
    guard !ids.isEmpty else { throw SelectorError("no strategy: give --strategy ID (repeat)") }
    try Self.checkNumbers(command)
    let spaces = try Self.spaces(ids, command: command, folders: plan.manifests ?? ["manifests"])
    // The data is loaded once; a config's slots resolve their instruments and bars there,
    // else the first strategy stands in as a slot.
    if plan.slots.isEmpty { plan.slots = [BacktestPlan.SlotPlan(name: ids[0], strategy: ids[0])] }
    let registry = PluginRegistry()
    let market: LoadedMarket
    do {
      try registry.loadDirectories(plan.manifests ?? ["manifests"], lazily: true)
      market = try BacktestRunner.loadMarket(
        plan,
        cacheDirectory: command.noCache
          ? nil
          : command.cacheDir
            ?? DataCache.defaultDirectory(environment: ProcessInfo.processInfo.environment),
        log: KernelLog.standardError)
    } catch let error as PlanError {
      throw SelectorError(error.problems.map(\.description))
    } catch {
      throw SelectorError("\(error)")
    }
    let embargo = try Self.embargo(command.embargo, events: market.events.count)
    let walkForward = try WalkForward(
      events: market.events.count, folds: command.folds, embargo: embargo)
    var templates: [String: SlotSpec] = [:]
    if command.config != nil {
      for slot in market.slots where templates[slot.strategy] == nil { templates[slot.strategy] = slot }
    }
    let evaluator = try Evaluator(
      plan: plan, market: market, spaces: spaces, walkForward: walkForward, registry: registry,
      templates: templates)
    let settings = EvolutionSettings(
      breeding: BreedingSettings(population: command.population),
      generations: command.generations, seed: command.seed,
      jobs: command.jobs ?? ProcessInfo.processInfo.activeProcessorCount,
      drawdownPenalty: command.drawdownPenalty, minOutOfSample: command.minOos,
      minDeflatedSharpe: command.minDsr, eventsPerYear: EventsPerYear.of(market.events))
    self.plan = plan
    self.configPath = command.config
    self.evolution = Evolution(evaluator: evaluator, settings: settings)
    self.header = .object([
      "seed": .string(String(command.seed)),
      "population": .integer(Int64(command.population)),
      "generations": .integer(Int64(command.generations)),
      "folds": .integer(Int64(command.folds)), "embargo_events": .integer(Int64(embargo)),
      "drawdown_penalty": .number(command.drawdownPenalty),
      "strategies": .array(ids.map { .string($0) }),
      "parameters": .array(
        (command.param + command.range.map { "range " + $0 }).map { .string($0) }),
      "data": .array(plan.sources.map { .string($0.path) }),
      "events": .integer(Int64(market.events.count)),
      "first_event": .integer(market.events.first?.timestamp ?? 0),
      "last_event": .integer(market.events.last?.timestamp ?? 0),
      "config": command.config.map { .string($0) } ?? .null,
    ])
  }

  private static func checkNumbers(_ command: EvolveCommand) throws(SelectorError) {
    var problems: [String] = []
    if command.population < 2 { problems.append("--population must be at least 2") }
    if command.generations < 1 { problems.append("--generations must be at least 1") }
    if let jobs = command.jobs, jobs < 1 { problems.append("--jobs must be at least 1") }
    if !command.drawdownPenalty.isFinite || command.drawdownPenalty < 0 {
      problems.append("--drawdown-penalty must be a number >= 0")
    }
    if !(0...1).contains(command.minDsr) { problems.append("--min-dsr must be between 0 and 1") }
    if !command.minOos.isFinite { problems.append("--min-oos must be a finite number") }
    guard problems.isEmpty else { throw SelectorError(problems) }
  }

  /// `--embargo`: a count of events, or a percentage of them.
  static func embargo(_ text: String, events: Int) throws(SelectorError) -> Int {
    if text.hasSuffix("%"), let share = Double(text.dropLast()), share >= 0, share < 100 {
      return Int((share / 100 * Double(events)).rounded(.down))
    }
    if let count = Int(text), count >= 0 { return count }
    throw SelectorError("--embargo must be a count of events or a share such as 1%, not '\(text)'")
  }

  /// Each strategy's space, from its manifest and the `--param` and `--range` flags meant for it.
  static func spaces(_ ids: [String], command: EvolveCommand, folders: [String])
    throws(SelectorError) -> [StrategySpace]
  {
    var manifests: [String: Manifest] = [:]
    var problems: [String] = []
    for folder in folders {
      let files: [String]
      do {
        files = try ManifestParser.manifestFiles(in: folder)
      } catch {
        throw SelectorError(error.description)
      }
      for file in files {
        if case .success(let manifest) = ManifestParser.load(path: file),
          manifests[manifest.id] == nil
        {
          manifests[manifest.id] = manifest
        }
      }
    }
    let fixed = try targeted(command.param, flag: "--param", separator: "=", ids: ids)
    let ranges = try targeted(command.range, flag: "--range", separator: "=", ids: ids)
    var spaces: [StrategySpace] = []
    for id in ids {
      guard let manifest = manifests[id] else {
        problems.append("no manifest in \(folders.joined(separator: ", ")) has the id \(id)")
        continue
      }
      let names = Set(manifest.parameters.map(\.name))
      let mine: ([(String, String, String?)]) -> [(String, String)] = { flags in
        flags.filter { ($0.2 == nil && names.contains($0.0)) || $0.2 == id }.map { ($0.0, $0.1) }
      }
      var rangeList: [(name: String, lower: String, upper: String)] = []
      for (name, text) in mine(ranges) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 else {
          problems.append("--range \(name)=\(text) is not NAME=LOW:HIGH")
          continue
        }
        rangeList.append((name, String(parts[0]), String(parts[1])))
      }
      do {
        let space = try StrategySpace(
          manifest: manifest, fixed: mine(fixed).map { (name: $0.0, value: $0.1) },
          ranges: rangeList)
        if !space.isSearched {
          problems.append(
            "\(id): no parameter to search (declare min and max in its manifest, or give --range)")
        }
        spaces.append(space)
      } catch {
        problems.append(contentsOf: error.problems)
      }
    }
    for (name, _, target) in fixed + ranges where target == nil {
      let declared = ids.contains {
        manifests[$0]?.parameters.contains { $0.name == name } ?? false
      }
      if !declared { problems.append("no strategy of the run has a parameter \(name)") }
    }
    guard problems.isEmpty else { throw SelectorError(problems) }
    return spaces
  }

  /// `[STRATEGY.]NAME=VALUE` flags as (name, value, strategy or nil).
  private static func targeted(
    _ flags: [String], flag: String, separator: Character, ids: [String]
  ) throws(SelectorError) -> [(String, String, String?)] {
    var result: [(String, String, String?)] = []
    for text in flags {
      guard let equals = text.firstIndex(of: separator), equals != text.startIndex else {
        throw SelectorError("\(flag) '\(text)' is not [STRATEGY.]NAME=VALUE")
      }
      let key = String(text[..<equals])
      let value = String(text[text.index(after: equals)...])
      // Parameter names have no dot; a strategy id may have some: split at the last one.
      if let dot = key.lastIndex(of: ".") {
        let id = String(key[..<dot])
        guard ids.contains(id) else {
          throw SelectorError(
            "\(flag) '\(text)': \(id) is not a strategy of the run (\(ids.joined(separator: ", ")))"
          )
        }
        result.append((String(key[key.index(after: dot)...]), value, id))
      } else {
        result.append((key, value, nil))
      }
    }
    return result
  }
}
