import TradingModel

/// Why the simulator filled (part of) an order. Every fill has exactly one reason; the backtest
/// report counts fills by reason and `--fills-csv` lists each with its reason.
public enum FillReason: Int, Sendable, CaseIterable {
  /// The order took liquidity: a market order, a marketable limit, a triggered stop, or a resting
  /// limit the market gapped or traded through (the whole queue at its price was consumed).
  case cross
  /// A resting limit filled because the market traded at its price (the queue model is off, so
  /// a touch is taken to fill it).
  case touch
  /// A resting limit filled after the volume ahead of it at its price had traded (queue model).
  case queueReached
  /// A partial fill bounded by the event's volume (the participation cap) or the displayed size
  /// at the touch; the rest keeps working.
  case volumeCap
  /// Two orders in the simulator's own book matched each other (different slots).
  case book

  /// The name in reports and CSV files.
  public var name: String {
    switch self {
    case .cross: "cross"
    case .touch: "touch"
    case .queueReached: "queue_reached"
    case .volumeCap: "volume_cap"
    case .book: "book"
    }
  }
}

/// One fill and its reason (`SimulatedVenue.fillLog`, when recording is on).
public struct FillRecord: Sendable, Hashable {
  public var fill: Fill
  public var reason: FillReason

  public init(fill: Fill, reason: FillReason) {
    self.fill = fill
    self.reason = reason
  }
}
