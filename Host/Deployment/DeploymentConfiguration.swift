/// How a host manages its slots at run time. Plain data from the run config and flags.
public struct DeploymentConfiguration: Sendable {
  /// The manifest search path reloads read from: folders in order; an id found in two is an
  /// error (`PluginRegistry.loadDirectories`).
  public var manifests: [String]
  /// Rules per slot name.
  public var rules: [String: SlotRules]
  /// The statistics period (Sharpe, paired comparisons), ns of event time. Default 1 hour.
  public var statsInterval: Int64
  /// How often the rules are evaluated, ns of event time (and after any strategy error).
  /// Default 1 minute.
  public var checkInterval: Int64
  /// Load new versions on the kernel thread, between events, instead of the loader thread:
  /// deterministic (backtests), but the load's time becomes part of the pause.
  public var loadInline: Bool
  /// Where a changed version goes, by strategy id. A strategy not named goes to its canary
  /// slots when it has one, else to its production slots.
  public var onChange: [String: ChangeTarget]
  /// Replaced versions each slot keeps for rollback (`deployment.keep_versions`, default 1;
  /// 0 keeps none). Older ones are released (instances destroyed, registries dropped; their
  /// images stay mapped, by design: a Swift image is never unloaded).
  public var keepVersions: Int

  public init(
    manifests: [String], rules: [String: SlotRules] = [:], statsInterval: Int64 = 3_600_000_000_000,
    checkInterval: Int64 = 60_000_000_000, loadInline: Bool = false,
    onChange: [String: ChangeTarget] = [:], keepVersions: Int = 1
  ) {
    self.keepVersions = max(keepVersions, 0)
    self.onChange = onChange
    self.manifests = manifests
    self.rules = rules
    self.statsInterval = statsInterval
    self.checkInterval = checkInterval
    self.loadInline = loadInline
  }
}
