/// Why a rule decided what it did, for the audit log: one sentence naming the rule, and the
/// numbers that decided it in the order the sentence uses them (e.g. candidate sharpe 1.31,
/// baseline sharpe 0.95, sharpe margin 0.2, trades 42, minimum trades 30). A plain value, any
/// thread.
public struct Evidence: Sendable, Equatable, CustomStringConvertible {
  /// One named number.
  public struct Figure: Sendable, Equatable, CustomStringConvertible {
    /// What the number is ("candidate sharpe", "maximum drawdown").
    public var name: String
    /// The number.
    public var value: Double

    public init(_ name: String, _ value: Double) {
      self.name = name
      self.value = value
    }

    public var description: String { "\(name) \(value)" }
  }

  /// One sentence naming the rule.
  public var reason: String
  /// The numbers that decided it, in order.
  public var figures: [Figure]

  public init(reason: String, figures: [Figure] = []) {
    self.reason = reason
    self.figures = figures
  }

  /// `reason (name value, name value, ...)`.
  public var description: String {
    figures.isEmpty
      ? reason : reason + " (" + figures.map(\.description).joined(separator: ", ") + ")"
  }

  /// The value of the first figure called `name`, if any.
  public func value(of name: String) -> Double? {
    figures.first { $0.name == name }?.value
  }
}
