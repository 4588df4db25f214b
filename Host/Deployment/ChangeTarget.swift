/// Where a new version of a strategy goes when it appears in the watched folder (or is
/// reloaded by id without a slot): a run config's `deployment.on_change`, per strategy id.
public enum ChangeTarget: String, Sendable, Equatable, CaseIterable {
  /// The strategy's canary slots (a retired one, after a promotion, comes back for it); the
  /// canary's rules then promote it to production or roll it back.
  case canary
  /// The strategy's shadow slots (a retired one comes back for it).
  case shadow
  /// The production slots running the strategy, at once.
  case production
  /// Nothing loads; the change is only reported.
  case ignore
}
