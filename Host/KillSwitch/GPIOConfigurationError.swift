/// Problems in a `GPIOConfiguration`: every problem at once, each naming its field. A loader that
/// read the configuration from a file prefixes the fields with the file and line.
public struct GPIOConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
  /// One problem with one field.
  public struct Problem: Sendable, Hashable, CustomStringConvertible {
    /// The field's name in `GPIOConfiguration`, e.g. "buttonLine".
    public var field: String
    /// What is wrong, as the rest of a sentence that starts with the field.
    public var message: String

    public init(field: String, message: String) {
      self.field = field
      self.message = message
    }

    public var description: String { "gpio.\(field): \(message)" }
  }

  /// The problems, in field order; never empty.
  public var problems: [Problem]

  public init(_ problems: [Problem]) {
    self.problems = problems
  }

  public var description: String {
    problems.map(\.description).joined(separator: "\n")
  }
}
