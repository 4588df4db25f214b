import Backtest
import Foundation
import PluginManifest
import Yams

/// The champion as a run config that `tradehost backtest --config` and `tradehost run
/// --config` take as it is: the search's run config (when it had one) with its `slots:`
/// replaced by one slot running the champion, its `data:` the files searched, and every path
/// made absolute so the file works from any folder.
public enum ChampionConfig {
  /// The YAML text.
  ///
  /// - Parameters:
  ///   - plan: the search's plan (its data, account and manifests).
  ///   - configPath: the run config the search read, if any; its other sections (instruments,
  ///     execution, venues, risk, host, ...) are kept.
  ///   - comment: a first line saying where the file comes from.
  /// - Throws: `SelectorError` when the config cannot be read or written back.
  public static func yaml(
    plan: BacktestPlan, configPath: String?, strategy: String,
    parameters: [(name: String, value: ParameterValue)], comment: String
  ) throws(SelectorError) -> String {
    var root = Node.Mapping([])
    var slot = Node.Mapping([(scalar("name"), scalar(strategy))])
    let base = configPath.map { ($0 as NSString).deletingLastPathComponent } ?? ""
    if let configPath {
      do {
        let text = try String(contentsOfFile: configPath, encoding: .utf8)
        guard case .mapping(let mapping)? = try Yams.compose(yaml: text) else {
          throw SelectorError("\(configPath): the run config is not a mapping")
        }
        root = mapping
      } catch let error as SelectorError {
        throw error
      } catch {
        throw SelectorError("\(configPath): cannot read the run config again: \(error)")
      }
      if case .sequence(let slots)? = root["slots"], let first = slots.first?.mapping {
        // The config's slot of the champion's strategy keeps its name (per-slot risk limits),
        // instruments and bars, as the search ran it; else the first slot's name is kept.
        let same = slots.compactMap(\.mapping).first { $0["strategy"]?.string == strategy }
        slot = Node.Mapping([(scalar("name"), first["name"] ?? scalar(strategy))])
        if let same {
          slot = same
          for key in ["capital", "share", "role", "promote", "rollback", "versus"] {
            slot[key] = nil
          }
        }
      }
      if case .mapping(var risk)? = root["risk"] {
        if let path = risk["trading_calendar"]?.string {
          risk["trading_calendar"] = scalar(absolute(path, against: base))
        }
        if case .mapping(var calendar)? = risk["event_calendar"],
          let path = calendar["path"]?.string
        {
          calendar["path"] = scalar(absolute(path, against: base))
          risk["event_calendar"] = .mapping(calendar)
        }
        root["risk"] = .mapping(risk)
      }
    }
    root["data"] = .sequence(Node.Sequence(plan.sources.map(source)))
    root["account"] = .mapping(
      Node.Mapping([
        (scalar("currency"), scalar(plan.currency)), (scalar("cash"), scalar(plan.cash)),
      ]))
    root["manifests"] = .sequence(
      Node.Sequence((plan.manifests ?? ["manifests"]).map { scalar(absolute($0, against: "")) }))
    if let store = plan.store, store.hasPrefix("sqlite:") {
      root["store"] = scalar("sqlite:" + absolute(String(store.dropFirst(7)), against: ""))
    }
    let values = parameters.map { (scalar($0.name), scalar($0.value.description)) }
    slot["strategy"] = scalar(strategy)
    slot["parameters"] = .mapping(Node.Mapping(values))
    root["slots"] = .sequence(Node.Sequence([.mapping(slot)]))
    do {
      return "# \(comment)\n" + (try Yams.serialize(node: .mapping(root)))
    } catch {
      throw SelectorError("cannot write the champion's run config: \(error)")
    }
  }

  private static func source(_ source: BacktestPlan.Source) -> Node {
    var pairs: [(Node, Node)] = [
      (scalar("path"), scalar(absolute(source.path, against: ""))),
      (scalar("instrument"), scalar(source.instrument)),
    ]
    if let layout = source.layout { pairs.append((scalar("layout"), scalar(layout))) }
    if let precision = source.pricePrecision {
      pairs.append((scalar("price_precision"), scalar(String(precision))))
    }
    if let seconds = source.barSeconds {
      pairs.append((scalar("bar_seconds"), scalar(String(seconds))))
    }
    if source.timestampsAreClose { pairs.append((scalar("timestamps"), scalar("close"))) }
    if let side = source.side { pairs.append((scalar("side"), scalar(side))) }
    return .mapping(Node.Mapping(pairs))
  }

  private static func scalar(_ text: String) -> Node {
    Node(text, .implicit)
  }

  /// `path` made absolute: against `base` when relative, then against the working directory.
  static func absolute(_ path: String, against base: String) -> String {
    var full = path
    if !path.hasPrefix("/") && !base.isEmpty { full = base + "/" + path }
    if !full.hasPrefix("/") { full = FileManager.default.currentDirectoryPath + "/" + full }
    return (full as NSString).standardizingPath
  }
}
