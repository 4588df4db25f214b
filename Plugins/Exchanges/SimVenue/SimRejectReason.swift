/// Why the simulated venue rejects an order; the raw value is the event's stable `reason_code`.
enum SimRejectReason: Int32, Sendable {
  /// The order type is not in the venue's capabilities.
  case unsupportedOrderType = 1
  /// The time in force is not in the venue's capabilities.
  case unsupportedTimeInForce = 2
  /// A flag (reduce-only, post-only) is not in the venue's capabilities.
  case unsupportedFlags = 3
  /// The instrument is not subscribed, so the venue has no market for it.
  case unknownInstrument = 4
  /// The quantity is not a positive finite number.
  case invalidQuantity = 5
  /// The limit price is not a positive finite number.
  case invalidPrice = 6
  /// The side is neither buy nor sell.
  case invalidSide = 7

  /// One sentence for the operator.
  var message: String {
    switch self {
    case .unsupportedOrderType: "order type not supported by SIM (market and limit only)"
    case .unsupportedTimeInForce: "time in force not supported by SIM (GTC, IOC and FOK only)"
    case .unsupportedFlags: "order flags not supported by SIM (no reduce-only or post-only)"
    case .unknownInstrument: "instrument not subscribed at SIM"
    case .invalidQuantity: "quantity must be a positive finite number"
    case .invalidPrice: "limit price must be a positive finite number"
    case .invalidSide: "side must be buy or sell"
    }
  }
}
