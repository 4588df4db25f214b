/// The Prometheus text exposition format (version 0.0.4), written by hand: `# HELP` and
/// `# TYPE` once per family, then one sample a line with its labels escaped. Values are written
/// as given (exact decimals stay exact: `999907.25`).
public struct PrometheusText {
  public private(set) var text = ""
  private var families = Set<String>()

  public init() {}

  /// The content type `/metrics` answers with.
  public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

  /// One sample of the family `name` (`counter`, `gauge` or `histogram`); `help` and the type
  /// are written before its first sample.
  public mutating func sample(
    _ name: String, type: String, help: String, labels: [(String, String)] = [], value: String
  ) {
    let family = type == "histogram" ? Self.histogramFamily(name) : name
    if families.insert(family).inserted {
      text += "# HELP \(family) \(help)\n# TYPE \(family) \(type)\n"
    }
    text += name
    if !labels.isEmpty {
      text += "{"
      text += labels.map { "\($0.0)=\"\(Self.escape($0.1))\"" }.joined(separator: ",")
      text += "}"
    }
    text += " \(value)\n"
  }

  /// An integer sample.
  public mutating func sample(
    _ name: String, type: String, help: String, labels: [(String, String)] = [], _ value: Int64
  ) {
    sample(name, type: type, help: help, labels: labels, value: String(value))
  }

  private static func histogramFamily(_ name: String) -> String {
    for suffix in ["_bucket", "_sum", "_count"] where name.hasSuffix(suffix) {
      return String(name.dropLast(suffix.count))
    }
    return name
  }

  /// A label value with `\`, `"` and newlines escaped.
  static func escape(_ value: String) -> String {
    var escaped = ""
    for character in value {
      switch character {
      case "\\": escaped += "\\\\"
      case "\"": escaped += "\\\""
      case "\n": escaped += "\\n"
      default: escaped.append(character)
      }
    }
    return escaped
  }
}
