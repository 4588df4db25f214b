import Control
import Deployment

/// The slot deployer's report as the control channel's JSON (`tradehost slots`), and its text.
enum SlotsJSON {
  static func value(_ slots: [SlotReport], outcomes: [String]) -> JSONValue {
    .object([
      "slots": .array(slots.map { (try? JSONValue(jsonText: $0.json)) ?? .null }),
      "recent": .array(outcomes.suffix(10).map { .string($0) }),
    ])
  }

  /// The table `tradehost slots` prints.
  static func text(_ value: JSONValue) -> String {
    guard case .array(let slots) = value["slots"] ?? .array([]) else { return "no slots" }
    var lines = [
      "SLOT          ROLE        VERSION                 STATE     PNL          SHARPE  MAXDD    TRADES  ERRORS  VS"
    ]
    for slot in slots {
      let name = slot["name"]?.stringValue ?? "?"
      let retired = slot["retired"] == .bool(true)
      let version =
        "\(slot["plugin"]?.stringValue ?? "?") \(slot["version"]?.stringValue ?? "")"
        + (slot["previous_version"]?.stringValue.map { " (was \($0))" } ?? "")
      let sharpe = slot["sharpe"]?.numberValue.map { format($0, 2) } ?? "-"
      var line = [
        pad(name, 13), pad(retired ? "retired" : slot["role"]?.stringValue ?? "?", 11),
        pad(version, 23), pad(slot["trading_state"]?.stringValue ?? "?", 9),
        pad(format(slot["pnl"]?.numberValue ?? 0, 2), 12), pad(sharpe, 7),
        pad(format((slot["max_drawdown"]?.numberValue ?? 0) * 100, 2) + "%", 8),
        pad(slot["trades"]?.jsonText ?? "0", 7), pad(slot["errors"]?.jsonText ?? "0", 7),
      ].joined(separator: " ")
      if let versus = slot["versus"]?.stringValue {
        line += " \(versus)"
        if let confidence = slot["comparison"]?["confidence"]?.numberValue {
          line += " (differ at \(format(confidence * 100, 1))% confidence)"
        }
      }
      lines.append(line)
      if let waiting = slot["promotion"]?.stringValue { lines.append("    promotion: \(waiting)") }
    }
    if case .array(let recent) = value["recent"] ?? .array([]), !recent.isEmpty {
      lines.append("recent:")
      lines += recent.compactMap { $0.stringValue.map { "  " + $0 } }
    }
    return lines.joined(separator: "\n")
  }

  private static func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
  }

  private static func format(_ value: Double, _ decimals: Int) -> String {
    guard value.isFinite else { return String(value) }
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    return String(rounded)
  }
}
