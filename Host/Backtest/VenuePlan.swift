/// Which venue trades an instrument (run config `venues:`, or `--venue ID` for every one): the
/// built-in simulator, or an exchange plugin with its parameters and connect settings. Plain data.
public struct VenuePlan: Sendable {
  /// The name that means the built-in simulator (the default).
  public static let simulator = "simulator"

  /// `simulator` or an exchange plugin's manifest id.
  public var plugin: String
  /// The plugin's parameters (its manifest declares them).
  public var parameters: [(String, String)]
  /// The plugin's connect settings (endpoint, keys, a file to replay, ...).
  public var settings: [(String, String)]

  public init(
    plugin: String, parameters: [(String, String)] = [], settings: [(String, String)] = []
  ) {
    self.plugin = plugin
    self.parameters = parameters
    self.settings = settings
  }

  /// Whether this is the built-in simulator.
  public var isSimulator: Bool { plugin == Self.simulator }
}
