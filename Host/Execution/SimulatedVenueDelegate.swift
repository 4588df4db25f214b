import TradingModel

/// Who hears what the simulated venue does with orders: the kernel.
///
/// Implementation requirements: called on the kernel thread, synchronously from
/// `SimulatedVenue.submit`, `match` and `cancel`; must not block, must not allocate on the fill
/// path, and must not call back into the venue (queue follow-up work instead).
public protocol SimulatedVenueDelegate: AnyObject {
  /// The largest quantity of `order` that may fill now, at most `proposed`: a reduce-only order
  /// may fill only what reduces the position. Zero cancels the order.
  func fillableQuantity(_ order: Order, proposed: Quantity) -> Quantity
  /// The venue accepted `order` (it rests or fills next).
  func venueAccepted(_ order: Order)
  /// `order` (already updated) filled by `fill`.
  func venueFilled(_ order: Order, fill: Fill)
  /// A stop or stop-limit order triggered.
  func venueTriggered(_ order: Order)
  /// `order` was cancelled: by request, an IOC/FOK remainder, or a reduce-only order with
  /// nothing left to reduce.
  func venueCanceled(_ order: Order, reason: StaticString)
  /// A DAY order's day ended.
  func venueExpired(_ order: Order)
  /// The venue refused an order or a transition (a bug or an impossible request); the text says
  /// which.
  func venueRejected(_ order: Order, reason: StaticString)
}
