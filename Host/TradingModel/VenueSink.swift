/// Who hears what a venue does with orders: the kernel (generalised from the simulator's
/// delegate; every venue reports through it).
///
/// Implementation requirements: called on the kernel thread, synchronously from the `Venue`
/// methods; must not block, must not allocate on the fill path, and must not call back into the
/// venue (queue follow-up work instead). The `Order` passed is the venue's copy after the event.
public protocol VenueSink: AnyObject {
  /// The largest quantity of `order` that may fill now, at most `proposed`: a reduce-only order
  /// may fill only what reduces the position. Zero cancels the order. (Simulating venues.)
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
  /// As `venueCanceled(_:reason:)`, with a reason text that only exists at run time (a plugin's).
  func venueCanceled(_ order: Order, text: String)
  /// A DAY order's day ended.
  func venueExpired(_ order: Order)
  /// The venue refused an order or a transition; the text says which.
  func venueRejected(_ order: Order, reason: StaticString)
  /// As `venueRejected(_:reason:)`, with a reason text that only exists at run time.
  func venueRejected(_ order: Order, text: String)
  /// An amend took effect: `order` is the amended copy (new quantity, prices, account price).
  func venueAmended(_ order: Order)
  /// The venue refused an amend: `order` (unchanged) keeps working; `attempted` is what was
  /// asked (the kernel undoes what it counted for it).
  func venueAmendRejected(_ order: Order, attempted: OrderAmendment, reason: StaticString)
  /// As `venueAmendRejected(_:attempted:reason:)`, with a reason text that only exists at run
  /// time (a plugin's).
  func venueAmendRejected(_ order: Order, attempted: OrderAmendment, text: String)
  /// The venue broke the seam's rules (an error return, a malformed, duplicate or impossible
  /// event): nothing of it was applied to the ledger; the kernel logs it and reports it to the
  /// venue-health breaker.
  func venueFault(_ fault: VenueFault)
}
