/// A closed round trip of a netting position: from flat (or a flip) to flat (or the next flip).
/// Plain data, usable from any thread.
///
/// Fees: the entry and exit fees of the round trip, exactly. A fill that flips a position pays
/// for both trips: its fee is split by quantity (`fee × closed / filled`, rounded half to even
/// to the currency's precision, the rest to the new trip), so the trips' fees add up to the
/// fees paid.
public struct RoundTrip: Sendable, Hashable {
  /// `buy` for a long round trip, `sell` for a short one.
  public var side: OrderSide
  /// When the position was opened (ns).
  public var openedAt: Int64
  /// When it was closed (ns).
  public var closedAt: Int64
  /// The realized PnL before fees: the trip's exact PnL rounded half to even once.
  public var grossPnL: Money
  /// Entry and exit fees of the trip (see above for a flip's fee).
  public var fees: Money

  public init(side: OrderSide, openedAt: Int64, closedAt: Int64, grossPnL: Money, fees: Money) {
    self.side = side
    self.openedAt = openedAt
    self.closedAt = closedAt
    self.grossPnL = grossPnL
    self.fees = fees
  }

  /// `grossPnL - fees`.
  public var netPnL: Money { grossPnL - fees }
}
