import Execution
import Kernel
import PluginHost
import TradingModel
import YAMLSupport
import Yams

extension BacktestPlan {
  /// The venue table of a run: each instrument goes to the venue its `venues:` entry names
  /// (`SYMBOL.VENUE`, `SYMBOL`, or `*` for the rest), or to the simulator. `nil` when every
  /// instrument trades at the simulator (the kernel's default). One plugin instance per entry,
  /// created, connected and subscribed to its instruments here; `now` and `log` serve its host
  /// calls. `streamsMarketData` (`tradehost run`): the market data a plugin streams drives its
  /// instruments (`Venue.streamsMarketData`); in a backtest the host's files do, and what a
  /// plugin streams is dropped. Throws one problem per entry that names no instrument of the
  /// run or whose plugin cannot be made.
  public func venueRoutes(
    configuration: KernelConfiguration, registry: PluginRegistry,
    now: @escaping @Sendable () -> Int64, log: @escaping KernelLogSink,
    streamsMarketData: Bool = false
  ) throws(PlanError) -> VenueRoutes? {
    guard venues.values.contains(where: { !$0.isSimulator }) else { return nil }
    let names = configuration.instruments.map { (qualified: $0.qualifiedSymbol, symbol: $0.symbol) }
    var problems: [String] = []
    for key in venues.keys.sorted() where key != "*" {
      if !names.contains(where: { $0.qualified == key || $0.symbol == key }) {
        problems.append(
          "venues: '\(key)' is not an instrument of the run (\(names.map(\.qualified).joined(separator: ", ")))"
        )
      }
    }
    // The entry key that decides each instrument: its SYMBOL.VENUE, its SYMBOL, or `*`.
    let keys: [String] = names.map { name in
      [name.qualified, name.symbol, "*"].first { venues[$0] != nil } ?? VenuePlan.simulator
    }
    var routes: [any Venue] = [
      SimulatedVenue(
        instruments: configuration.instruments, configuration: configuration.execution,
        capacity: configuration.maxOpenOrders)
    ]
    var byInstrument = Array(repeating: 0, count: names.count)
    for key in Set(keys).sorted() {
      guard let plan = venues[key], !plan.isSimulator else { continue }
      let trading = keys.indices.filter { keys[$0] == key }.map { InstrumentID($0) }
      do throws(PluginCallError) {
        let venue = try PluginVenue(
          pluginID: plan.plugin, registry: registry, parameters: plan.parameters,
          settings: plan.settings, instruments: configuration.instruments, trading: trading,
          now: now, log: log, capacity: configuration.maxOpenOrders,
          streamsMarketData: streamsMarketData)
        for id in trading { byInstrument[Int(id)] = routes.count }
        routes.append(venue)
      } catch {
        problems.append("venues: '\(key)': \(error)")
      }
    }
    guard problems.isEmpty else {
      throw PlanError(problems.map { .init(file: nil, line: nil, column: nil, message: $0) })
    }
    return VenueRoutes(venues: routes, byInstrument: byInstrument)
  }

  /// Reads `venues:`: a mapping of `SYMBOL.VENUE`, `SYMBOL` or `*` to `{plugin, parameters,
  /// settings}` (or just a plugin id).
  static func readVenues(_ node: Node, _ reader: inout PlanReader) -> [String: VenuePlan] {
    guard case .mapping(let mapping) = node else {
      reader.problem(node, "venues must be a mapping of SYMBOL.VENUE (or *) to a venue")
      return [:]
    }
    var result: [String: VenuePlan] = [:]
    for (name, _, value) in reader.named(mapping, "venues") {
      if case .scalar = value {
        if let plugin = reader.string(value, "venues.\(name)") {
          result[name] = VenuePlan(plugin: plugin)
        }
        continue
      }
      let entries = reader.mapping(
        value, "venues.\(name)", allowed: ["plugin", "parameters", "settings"])
      guard let plugin = reader.string(entries["plugin"], "venues.\(name).plugin") else {
        reader.problem(value, "venues.\(name) needs 'plugin' (an exchange plugin id or simulator)")
        continue
      }
      var plan = VenuePlan(plugin: plugin)
      plan.parameters = readPairs(entries["parameters"], "venues.\(name).parameters", &reader)
      plan.settings = readPairs(entries["settings"], "venues.\(name).settings", &reader)
      result[name] = plan
    }
    return result
  }

  private static func readPairs(_ node: Node?, _ what: String, _ reader: inout PlanReader)
    -> [(String, String)]
  {
    guard let node else { return [] }
    guard case .mapping(let mapping) = node else {
      reader.problem(node, "\(what) must be a mapping of name to value")
      return []
    }
    var pairs: [(String, String)] = []
    for (name, _, value) in reader.named(mapping, what) {
      if let text = reader.string(value, "\(what).\(name)") { pairs.append((name, text)) }
    }
    return pairs
  }
}
