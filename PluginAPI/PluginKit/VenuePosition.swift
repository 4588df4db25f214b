/// A position held at a venue (`th_venue_position`), as an exchange adapter reports it.
public struct VenuePosition: Sendable, Hashable {
  public var instrumentID: UInt32
  /// Signed: > 0 long, < 0 short.
  public var quantity: Double
  /// Average price of the open quantity.
  public var averagePrice: Double

  public init(instrumentID: UInt32, quantity: Double, averagePrice: Double) {
    self.instrumentID = instrumentID
    self.quantity = quantity
    self.averagePrice = averagePrice
  }

  /// The C form.
  var raw: th_venue_position {
    th_venue_position(
      struct_size: UInt32(MemoryLayout<th_venue_position>.size), instrument_id: instrumentID,
      quantity: quantity, average_price: averagePrice)
  }
}
