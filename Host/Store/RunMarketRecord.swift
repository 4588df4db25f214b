/// What a paper session trades and where it continues from, journaled at its start (once), so
/// that a session killed midway can be resumed on the same market: the chain of sessions it
/// belongs to (`resumes`), the fingerprint of its market, strategies and settings, the market
/// clock's start, and the latched risk states the chain started from.
public struct RunMarketRecord: Sendable, Equatable {
  /// The session this one continues after an unclean exit (`nil`: it starts a new chain).
  public var resumes: Int64?
  /// What must be the same for a later session to continue this one (market, seed, strategies,
  /// parameters, risk settings): a digest, compared as text.
  public var fingerprint: String
  /// The market clock's start, ns since the epoch (the chain's first session's).
  public var marketStart: Int64
  /// The market, for people (`SIM-A generated (seed 42)`).
  public var description: String
  /// The latched risk states the chain's first session started from (JSON of
  /// `RiskStateSnapshot`), `nil` when it started with none.
  public var riskState: String?

  public init(
    resumes: Int64?, fingerprint: String, marketStart: Int64, description: String,
    riskState: String?
  ) {
    self.resumes = resumes
    self.fingerprint = fingerprint
    self.marketStart = marketStart
    self.description = description
    self.riskState = riskState
  }
}
