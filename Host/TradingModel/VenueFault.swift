/// A venue broke a rule of the seam; what it said was refused and nothing of it reached the
/// ledger. Plain data, usable from any thread.
public struct VenueFault: Sendable, Hashable, CustomStringConvertible {
  /// What went wrong.
  public enum Kind: String, Sendable, Hashable {
    /// A call into the venue returned an error.
    case callFailed = "call failed"
    /// An event the seam cannot read (too short, unknown type, a number that is not one).
    case malformedEvent = "malformed event"
    /// An event that repeats or contradicts the order's life so far (accepted twice, ...).
    case duplicateEvent = "duplicate or out-of-order event"
    /// An event for an order the host never sent or that is already closed.
    case unknownOrder = "unknown order"
    /// A fill larger than what is left of the order.
    case overfill = "fill larger than the order"
    /// A fill price that is not a whole number of the instrument's ticks.
    case offTickPrice = "price not on the tick"
    /// A fill quantity that is not a whole number of the instrument's lots.
    case offLotQuantity = "quantity not on the lot"
    /// The venue's event queue was full: events were lost at the edge.
    case queueOverflow = "event queue overflow"
  }

  /// The venue's name (an exchange plugin's id).
  public var venue: String
  /// What went wrong.
  public var kind: Kind
  /// The order concerned, if one is known.
  public var clientOrderID: ClientOrderID?
  /// The instrument concerned, if one is known (the venue-health breaker is per venue name of
  /// the instrument).
  public var instrument: InstrumentID?
  /// One sentence of detail.
  public var detail: String

  public init(
    venue: String, kind: Kind, clientOrderID: ClientOrderID? = nil,
    instrument: InstrumentID? = nil, detail: String
  ) {
    self.venue = venue
    self.kind = kind
    self.clientOrderID = clientOrderID
    self.instrument = instrument
    self.detail = detail
  }

  /// "venue 'paper' order 7: fill larger than the order: filled 3 of 2".
  public var description: String {
    let order = clientOrderID.map { " order \($0)" } ?? ""
    return "venue '\(venue)'\(order): \(kind.rawValue): \(detail)"
  }
}
