/// A level's trading state as a limit, a breaker rule or an operator left it. Latched: once a
/// limit moves it, it stays until an explicit `resume` (also across a restart, through
/// `RiskStateSnapshot`).
public struct LatchedState: Sendable, Equatable {
  /// The state.
  public var state: TradingState = .active
  /// Why the level is in it (`nil` while active).
  public var reason: String?
  /// Who moved it there (`rule`, `operator`, ...; `nil` while active).
  public var source: String?
  /// When it moved there, ns (`0` while active).
  public var since: Int64 = 0

  public init() {}

  public init(state: TradingState, reason: String?, source: String?, since: Int64) {
    self.state = state
    self.reason = reason
    self.source = source
    self.since = since
  }
}
