/// What the loader thread is asked to load: a strategy plugin by manifest id from a manifest
/// folder, for one slot, with the slot's parameters. Plain data.
public struct LoadRequest: Sendable {
  /// The slot the version is for.
  public var slot: String
  /// The strategy plugin's manifest id.
  public var plugin: String
  /// The manifest search path to read it (and the indicators it uses) from.
  public var manifests: [String]
  /// Parameter overrides, checked against the new manifest.
  public var parameters: [(String, String)]
  /// Why.
  public var reason: PreparedVersion.Reason
  /// Who asked.
  public var source: DeploymentCommand.Source
  /// For a promotion: the version and library checksum the loaded plugin must have (the
  /// candidate's), so a manifest changed since the candidate loaded is refused.
  public var expected: (version: String, sha256: String?)?

  public init(
    slot: String, plugin: String, manifests: [String], parameters: [(String, String)],
    reason: PreparedVersion.Reason, source: DeploymentCommand.Source,
    expected: (version: String, sha256: String?)? = nil
  ) {
    self.slot = slot
    self.plugin = plugin
    self.manifests = manifests
    self.parameters = parameters
    self.reason = reason
    self.source = source
    self.expected = expected
  }
}
