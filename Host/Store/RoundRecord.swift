/// A checkpoint after one round of a paper session's market (all its instruments' bars): the
/// round's number in its chain of sessions (1, 2, ...), its market time, and the account's cash
/// and equity after it. Recovery replays the market up to the last committed round and checks
/// each checkpoint on the way.
public struct RoundRecord: Sendable, Equatable {
  /// The round's number, counted from the chain's first session (1 for the first round).
  public var round: Int64
  /// The round's market time, ns since the epoch.
  public var time: Int64
  /// The account's cash and equity after the round, raw units of `precision` decimals.
  public var cash: Int64
  public var equity: Int64
  public var precision: UInt8

  public init(round: Int64, time: Int64, cash: Int64, equity: Int64, precision: UInt8) {
    self.round = round
    self.time = time
    self.cash = cash
    self.equity = equity
    self.precision = precision
  }
}
