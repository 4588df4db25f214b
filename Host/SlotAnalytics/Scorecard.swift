/// A snapshot of one slot version's record for reports, status displays and the audit log (JSON
/// through `Codable`; `sharpe` is null while undefined). Made from a tracker at any time; a plain
/// value, any thread.
public struct Scorecard: Sendable, Equatable, Codable {
  /// `lastEquity - startEquity`.
  public var pnl: Double
  /// `lastEquity / startEquity - 1`.
  public var returnFraction: Double
  /// Annualised Sharpe ratio of the period returns (`PerformanceTracker.sharpe`).
  public var sharpe: Double?
  /// Largest fall from the running peak, fraction of the peak.
  public var maxDrawdown: Double
  /// Round trips.
  public var trades: Int
  /// Round trips with a PnL above 0.
  public var winningTrades: Int
  /// Strategy errors.
  public var errors: Int
  /// Closed periods.
  public var periods: Int
  /// Time from the tracker's start to its latest observation, ns.
  public var elapsedNanoseconds: Int64

  public init(
    pnl: Double, returnFraction: Double, sharpe: Double?, maxDrawdown: Double, trades: Int,
    winningTrades: Int, errors: Int, periods: Int, elapsedNanoseconds: Int64
  ) {
    self.pnl = pnl
    self.returnFraction = returnFraction
    self.sharpe = sharpe
    self.maxDrawdown = maxDrawdown
    self.trades = trades
    self.winningTrades = winningTrades
    self.errors = errors
    self.periods = periods
    self.elapsedNanoseconds = elapsedNanoseconds
  }

  /// The tracker's figures now.
  public init(_ tracker: PerformanceTracker) {
    self.init(
      pnl: tracker.pnl, returnFraction: tracker.returnFraction, sharpe: tracker.sharpe,
      maxDrawdown: tracker.maxDrawdown, trades: tracker.trades,
      winningTrades: tracker.winningTrades, errors: tracker.errors, periods: tracker.periods,
      elapsedNanoseconds: tracker.elapsedNanoseconds)
  }
}
