/// What one fill did to a position (`Position.apply(_:instrument:)`). Plain data, usable from
/// any thread.
public struct PositionChange: Sendable, Hashable {
  /// The realized PnL this fill booked (zero for a fill that opens or adds). Gross of fees.
  public var realizedPnL: Money
  /// The signed quantity before the fill (negative: short).
  public var quantityBefore: Quantity
  /// The signed quantity after the fill.
  public var quantityAfter: Quantity
  /// The round trip this fill closed: the position went flat, or flipped through zero (the
  /// close part of a flip closes one round trip and its rest opens the next). `nil` otherwise.
  public var roundTrip: RoundTrip?

  public init(
    realizedPnL: Money, quantityBefore: Quantity, quantityAfter: Quantity, roundTrip: RoundTrip?
  ) {
    self.realizedPnL = realizedPnL
    self.quantityBefore = quantityBefore
    self.quantityAfter = quantityAfter
    self.roundTrip = roundTrip
  }

  /// Whether the fill closed a round trip.
  @inlinable
  public var closedRoundTrip: Bool { roundTrip != nil }

  /// Whether the fill went through zero to the other side.
  @inlinable
  public var flipped: Bool {
    (quantityBefore.raw > 0 && quantityAfter.raw < 0)
      || (quantityBefore.raw < 0 && quantityAfter.raw > 0)
  }
}
