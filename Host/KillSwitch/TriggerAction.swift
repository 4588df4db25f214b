/// What a trigger file asks the host to do, named by its content.
public enum TriggerAction: Sendable, Hashable, CaseIterable, CustomStringConvertible {
  /// Halt trading now ("kill", or an empty file).
  case kill
  /// Only reduce positions ("reduce").
  case reduce
  /// Stop opening new orders, keep positions ("pause").
  case pause
  /// Go back to normal trading ("resume").
  case resume

  /// The action `content` names: surrounding whitespace is ignored, letters may have any case,
  /// and empty content is `kill` (so `touch` is enough in an emergency). `nil` for anything
  /// else.
  public init?(content: String) {
    switch content.trimmingTriggerWhitespace().lowercased() {
    case "", "kill": self = .kill
    case "reduce": self = .reduce
    case "pause": self = .pause
    case "resume": self = .resume
    default: return nil
    }
  }

  public var description: String {
    switch self {
    case .kill: "kill"
    case .reduce: "reduce"
    case .pause: "pause"
    case .resume: "resume"
    }
  }
}

extension String {
  /// The string without leading and trailing whitespace and newlines.
  func trimmingTriggerWhitespace() -> String {
    let scalars = unicodeScalars
    guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
      let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })
    else { return "" }
    return String(scalars[start...end])
  }
}
