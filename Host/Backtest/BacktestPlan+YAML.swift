import Execution
import Foundation
import Risk
import TradingModel
import YAMLSupport
import Yams

extension BacktestPlan {
  /// Reads a run config (YAML); relative data paths resolve against the config's folder. Every
  /// problem in the file is reported at once, with its line and column. Format: `docs/backtesting.md`.
  /// `requireData: false` reads a paper host's run config (slots, risk, deployment; `data`
  /// optional and unused).
  public static func load(path: String, requireData: Bool = true) throws(PlanError)
    -> BacktestPlan
  {
    let (document, folder) = try PlanReader.document(at: path, what: "run config")
    return try parse(document, file: path, baseDirectory: folder, requireData: requireData)
  }

  /// Parses run-config text (`file` names it in errors).
  public static func parse(_ text: String, file: String, baseDirectory: String) throws(PlanError)
    -> BacktestPlan
  {
    try parse(
      PlanReader.compose(text, file: file, what: "run config"), file: file,
      baseDirectory: baseDirectory)
  }

  private static func parse(
    _ document: ComposedDocument, file: String, baseDirectory: String, requireData: Bool = true
  ) throws(PlanError) -> BacktestPlan {
    var reader = PlanReader(file: file, document: document)
    let root = document.root
    var plan = BacktestPlan()
    let top = reader.mapping(
      root, "the run config",
      allowed: [
        "data", "instruments", "account", "slots", "execution", "manifests", "risk", "deployment",
        "store", "host", "venues",
      ])
    if let data = top["data"] {
      plan.sources = reader.sequence(data, "data").compactMap {
        readSource($0, &reader, baseDirectory: baseDirectory)
      }
    } else if requireData {
      reader.problem(root, "the run config needs 'data' (a list of files)")
    }
    if let deployment = top["deployment"] {
      readDeployment(deployment, &reader, into: &plan)
    }
    if let host = top["host"] {
      let entries = reader.mapping(host, "host", allowed: ["call_deadline_ms"])
      plan.callDeadlineMs = reader.integer(
        entries["call_deadline_ms"], "host.call_deadline_ms", range: 1...3_600_000)
    }
    if let instruments = top["instruments"], case .mapping(let mapping) = instruments {
      for (name, _, value) in reader.named(mapping, "instruments") {
        plan.instruments[name] = readRules(value, &reader, name: name)
      }
    } else if let instruments = top["instruments"] {
      reader.problem(instruments, "instruments must be a mapping of SYMBOL.VENUE to rules")
    }
    if let account = top["account"] {
      let entries = reader.mapping(
        account, "account", allowed: ["currency", "cash", "type", "max_leverage"])
      plan.currency = reader.string(entries["currency"], "account.currency") ?? plan.currency
      plan.cash = reader.string(entries["cash"], "account.cash") ?? plan.cash
      plan.account = readAccountModel(entries, &reader) ?? plan.account
    }
    if let slots = top["slots"] {
      plan.slots = reader.sequence(slots, "slots").compactMap { readSlot($0, &reader) }
    } else {
      reader.problem(root, "the run config needs 'slots' (a list of strategies)")
    }
    if let execution = top["execution"] {
      plan.execution = readExecution(execution, &reader)
    }
    if let venues = top["venues"] {
      plan.venues = readVenues(venues, &reader)
    }
    if let manifests = top["manifests"] {
      // One folder, or a list of folders searched in order.
      let folders: [String?] =
        if case .sequence(let list) = manifests {
          list.isEmpty
            ? [reader.string(manifests, "manifests (an empty list)")]
            : list.map { reader.string($0, "manifests") }
        } else {
          [reader.string(manifests, "manifests")]
        }
      let resolved = folders.compactMap { $0.map { resolve($0, against: baseDirectory) } }
      if resolved.count == folders.count { plan.manifests = resolved }
    }
    if let store = top["store"], let text = reader.string(store, "store") {
      plan.store = resolveStore(text, against: baseDirectory)
      if text.isEmpty { reader.problem(store, "store needs a PostgreSQL URL, a path or none") }
    }
    if let risk = top["risk"] {
      if let currency = Currency.standard(plan.currency) {
        plan.risk = readRisk(risk, &reader, currency: currency, baseDirectory: baseDirectory)
      } else {
        reader.problem(risk, "risk limits need a known account currency, not '\(plan.currency)'")
      }
    }
    guard reader.problems.isEmpty else { throw PlanError(reader.problems) }
    return plan
  }

  /// `store:` as `--store` takes it, a relative SQLite path resolved against the config's folder.
  static func resolveStore(_ text: String, against base: String) -> String {
    if text.isEmpty || text == "none" || text.hasPrefix("postgres://")
      || text.hasPrefix("postgresql://")
    {
      return text
    }
    let path = text.hasPrefix("sqlite:") ? String(text.dropFirst("sqlite:".count)) : text
    return "sqlite:" + resolve(path, against: base)
  }

  static func resolve(_ path: String, against base: String) -> String {
    path.hasPrefix("/") ? path : (base as NSString).appendingPathComponent(path)
  }

  private static func readSource(_ node: Node, _ reader: inout PlanReader, baseDirectory: String)
    -> Source?
  {
    let entries = reader.mapping(
      node, "a data entry",
      allowed: [
        "path", "instrument", "layout", "price_precision", "bar_seconds", "timestamps", "side",
      ])
    guard let path = reader.string(entries["path"], "data.path") else {
      reader.problem(node, "a data entry needs 'path'")
      return nil
    }
    guard let instrument = reader.string(entries["instrument"], "data.instrument") else {
      reader.problem(node, "a data entry needs 'instrument' (SYMBOL or SYMBOL.VENUE)")
      return nil
    }
    var source = Source(path: resolve(path, against: baseDirectory), instrument: instrument)
    source.layout = reader.string(entries["layout"], "data.layout")
    source.pricePrecision = reader.integer(
      entries["price_precision"], "data.price_precision", range: 0...12
    ).map { UInt8($0) }
    source.barSeconds = reader.integer(
      entries["bar_seconds"], "data.bar_seconds", range: 1...31_622_400)
    if let stamps = reader.string(entries["timestamps"], "data.timestamps") {
      switch stamps {
      case "open": source.timestampsAreClose = false
      case "close": source.timestampsAreClose = true
      default:
        reader.problem(
          entries["timestamps"], "data.timestamps must be open or close, not '\(stamps)'")
      }
    }
    source.side = reader.string(entries["side"], "data.side")
    return source
  }

  private static func readRules(_ node: Node, _ reader: inout PlanReader, name: String)
    -> InstrumentRules
  {
    let entries = reader.mapping(
      node, "instrument \(name)",
      allowed: [
        "tick_size", "lot_size", "size_precision", "min_quantity", "min_notional", "multiplier",
        "max_order_quantity",
      ])
    var rules = InstrumentRules()
    rules.tickSize = reader.string(entries["tick_size"], "\(name).tick_size")
    rules.lotSize = reader.string(entries["lot_size"], "\(name).lot_size")
    rules.sizePrecision = reader.integer(
      entries["size_precision"], "\(name).size_precision", range: 0...12
    ).map { UInt8($0) }
    rules.minQuantity = reader.string(entries["min_quantity"], "\(name).min_quantity")
    rules.minNotional = reader.string(entries["min_notional"], "\(name).min_notional")
    rules.multiplier = reader.string(entries["multiplier"], "\(name).multiplier")
    rules.maxOrderQuantity = reader.string(
      entries["max_order_quantity"], "\(name).max_order_quantity")
    return rules
  }

  private static func readSlot(_ node: Node, _ reader: inout PlanReader) -> SlotPlan? {
    let entries = reader.mapping(
      node, "a slot",
      allowed: [
        "name", "strategy", "parameters", "capital", "instruments", "role", "share", "versus",
        "promote", "rollback", "bars",
      ])
    guard let strategy = reader.string(entries["strategy"], "slot.strategy") else {
      reader.problem(node, "a slot needs 'strategy' (a strategy plugin id)")
      return nil
    }
    var slot = SlotPlan(
      name: reader.string(entries["name"], "slot.name") ?? strategy, strategy: strategy)
    slot.capital = reader.string(entries["capital"], "slot.capital")
    readDeployment(of: &slot, entries, &reader)
    if let instruments = entries["instruments"] {
      slot.instruments = reader.sequence(instruments, "slot.instruments").compactMap {
        reader.string($0, "slot.instruments")
      }
    }
    if let bars = entries["bars"] {
      for item in reader.sequence(bars, "slot.bars") {
        guard let text = reader.string(item, "slot.bars") else { continue }
        switch BarAggregation.parse(text) {
        case .success(let aggregation):
          if slot.bars.contains(aggregation) {
            reader.problem(item, "slot.bars: \(text) is listed twice")
          } else {
            slot.bars.append(aggregation)
          }
        case .failure(let error): reader.problem(item, "slot.bars: \(error.message)")
        }
      }
    }
    if let parameters = entries["parameters"] {
      if case .mapping(let mapping) = parameters {
        for (name, _, value) in reader.named(mapping, "slot.parameters") {
          guard let text = reader.string(value, "parameter \(name)") else { continue }
          slot.parameters.append((name, text))
        }
      } else {
        reader.problem(parameters, "slot.parameters must be a mapping of name to value")
      }
    }
    return slot
  }
}
