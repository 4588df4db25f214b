/// Everything wrong with the parameter overrides given for one plugin, reported at once.
///
/// `problems` is never empty; each is one sentence without the plugin, e.g.
/// `parameter fast_period = 1000 is above max 500`. `description` has one line per problem,
/// each prefixed with the plugin: `ema-cross: parameter fast_period = 1000 is above max 500`.
public struct ParameterError: Error, Sendable, CustomStringConvertible {
  /// The plugin the overrides were for, as passed to `ParameterResolver.resolve`.
  public let plugin: String
  public let problems: [String]

  public init(plugin: String, problems: [String]) {
    self.plugin = plugin
    self.problems = problems
  }

  public var description: String {
    problems.map { "\(plugin): \($0)" }.joined(separator: "\n")
  }
}
