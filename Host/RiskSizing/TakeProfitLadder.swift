/// Take-profit rungs at multiples of the risk unit R (the initial stop's distance from the
/// entry), each closing a fraction of the trade's entry quantity. Plain data.
///
/// Each rung's quantity is its fraction of the entry quantity, rounded down to lots; the last
/// rung closes whatever is left, so the ladder closes exactly the position. A rung never closes
/// more than is left after manual reductions.
public struct TakeProfitLadder: Hashable, Sendable {
  /// One rung.
  public struct Rung: Hashable, Sendable {
    /// The target's distance from the entry, in R (positive; rungs strictly increasing).
    public var rMultiple: Double
    /// The fraction of the entry quantity this rung closes (in `(0, 1]`; the fractions add up
    /// to 1, and the last rung's share is in fact whatever the others leave).
    public var fraction: Double

    public init(rMultiple: Double, fraction: Double) {
      self.rMultiple = rMultiple
      self.fraction = fraction
    }
  }

  /// The most rungs a ladder may have.
  public static let maximumRungs = 16

  /// 33% at 1.5R, 33% at 2R, 34% (the rest) at 3R.
  public static let defaultRungs = [
    Rung(rMultiple: 1.5, fraction: 0.33), Rung(rMultiple: 2, fraction: 0.33),
    Rung(rMultiple: 3, fraction: 0.34),
  ]

  /// The rungs, nearest target first.
  public var rungs: [Rung]
  /// Whether the stop moves to the entry price (break-even) once the first rung has closed its
  /// share, so the rest of the trade can no longer lose. On by default.
  public var moveStopToBreakEven: Bool

  public init(
    rungs: [Rung] = TakeProfitLadder.defaultRungs, moveStopToBreakEven: Bool = true
  ) {
    self.rungs = rungs
    self.moveStopToBreakEven = moveStopToBreakEven
  }
}
