/// The latched trading states in a form a store can hold (and `RiskStateFile` writes as JSON):
/// what must survive a restart so a tripped limit stays tripped until an explicit resume.
public struct RiskStateSnapshot: Codable, Sendable, Equatable {
  /// One level's latched state.
  public struct Entry: Codable, Sendable, Equatable {
    public var state: String
    public var reason: String?
    public var source: String?
    public var since: Int64

    public init(_ latched: LatchedState) {
      state = latched.state.description
      reason = latched.reason
      source = latched.source
      since = latched.since
    }

    /// The entry as a latched state (`nil` when the state name is unknown).
    public var latched: LatchedState? {
      guard let state = TradingState(name: state) else { return nil }
      return LatchedState(state: state, reason: reason, source: source, since: since)
    }
  }

  public var account: Entry
  /// Non-active slots by name.
  public var slots: [String: Entry]
  /// Non-active instruments by `SYMBOL.VENUE`.
  public var instruments: [String: Entry]
  public var deploymentsFrozen: Bool
  public var freezeReason: String?

  public init(
    account: Entry, slots: [String: Entry] = [:], instruments: [String: Entry] = [:],
    deploymentsFrozen: Bool = false, freezeReason: String? = nil
  ) {
    self.account = account
    self.slots = slots
    self.instruments = instruments
    self.deploymentsFrozen = deploymentsFrozen
    self.freezeReason = freezeReason
  }
}
