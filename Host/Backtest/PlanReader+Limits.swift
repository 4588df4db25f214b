import TradingModel
import Yams

/// Readers for limit values. Each returns `.some(nil)` for `none` or `off` (the limit is
/// turned off), `nil` when the key is absent or the value is a problem (already recorded).
extension PlanReader {
  /// Whether `node` says a limit is off.
  private func isOff(_ node: Node) -> Bool {
    guard case .scalar(let scalar) = node else { return false }
    return scalar.string == "none" || scalar.string == "off"
  }

  /// A fraction: `5%` or `0.05`, in `range`.
  mutating func fraction(_ node: Node?, _ what: String, range: ClosedRange<Double> = 0...1)
    -> Double??
  {
    guard let node else { return nil }
    if isOff(node) { return .some(nil) }
    guard let text = string(node, what) else { return nil }
    let value: Double? =
      text.hasSuffix("%") ? Double(text.dropLast()).map { $0 / 100 } : Double(text)
    guard let value, value.isFinite, range.contains(value), value > 0 else {
      problem(
        node,
        "\(what) must be a fraction above 0 and at most \(range.upperBound) (like 5% or 0.05), or none, not '\(text)'"
      )
      return nil
    }
    return .some(value)
  }

  /// A whole number in `range`, or none.
  mutating func limit(_ node: Node?, _ what: String, range: ClosedRange<Int>) -> Int?? {
    guard let node else { return nil }
    if isOff(node) { return .some(nil) }
    return integer(node, what, range: range).map { .some($0) }
  }

  /// An amount of `currency`, positive, or none.
  mutating func money(_ node: Node?, _ what: String, currency: Currency) -> Money?? {
    guard let node else { return nil }
    if isOff(node) { return .some(nil) }
    guard let text = string(node, what) else { return nil }
    guard let value = Money(text, currency: currency), value.raw > 0 else {
      problem(
        node,
        "\(what) must be a positive amount of \(currency) with at most \(currency.precision) decimals, or none, not '\(text)'"
      )
      return nil
    }
    return .some(value)
  }

  /// A positive quantity with at most 8 decimals, or none (rescaled to the instrument's size
  /// precision when the run starts).
  mutating func quantity(_ node: Node?, _ what: String) -> Quantity?? {
    guard let node else { return nil }
    if isOff(node) { return .some(nil) }
    guard let text = string(node, what) else { return nil }
    guard let value = Quantity(text, precision: 8), value.raw > 0 else {
      problem(
        node, "\(what) must be a positive number with at most 8 decimals, or none, not '\(text)'")
      return nil
    }
    return .some(value)
  }

  /// A duration: `500ms`, `90s`, `5m`, `2h`, `1d` (or `0`), as nanoseconds, or none.
  mutating func duration(_ node: Node?, _ what: String) -> Int64?? {
    guard let node else { return nil }
    if isOff(node) { return .some(nil) }
    guard let text = string(node, what) else { return nil }
    guard let nanos = Self.nanoseconds(text) else {
      problem(
        node, "\(what) must be a duration like 500ms, 90s, 5m, 2h or 1d, or none, not '\(text)'")
      return nil
    }
    return .some(nanos)
  }

  /// Parses `500ms`, `90s`, `5m`, `2h`, `1d` or `0`.
  static func nanoseconds(_ text: String) -> Int64? {
    if text == "0" { return 0 }
    let units: [(String, Int64)] = [
      ("ms", 1_000_000), ("s", 1_000_000_000), ("m", 60_000_000_000), ("h", 3_600_000_000_000),
      ("d", 86_400_000_000_000),
    ]
    for (suffix, scale) in units where text.hasSuffix(suffix) {
      guard let count = Int64(text.dropLast(suffix.count)), count >= 0,
        count <= Int64.max / scale
      else { return nil }
      return count * scale
    }
    return nil
  }
}
