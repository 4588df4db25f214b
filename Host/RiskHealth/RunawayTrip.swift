/// A `RunawayDetector` bound was exceeded: which, by how much, and when. A plain value, usable
/// from any thread; building it allocates nothing (`description` does).
public struct RunawayTrip: Equatable, Sendable, CustomStringConvertible {
  /// Which bound.
  public enum Kind: UInt8, Sendable, CustomStringConvertible {
    /// Orders per minute (`RunawayLimits.maxOrdersPerMinute`).
    case orderCount = 1
    /// Order notional per minute (`RunawayLimits.maxOrderNotionalPerMinute`).
    case orderNotional = 2
    /// Fills per minute (`RunawayLimits.maxFillsPerMinute`).
    case fillCount = 3
    /// Fill notional per minute (`RunawayLimits.maxFillNotionalPerMinute`).
    case fillNotional = 4
    /// Consecutive identical orders (`RunawayLimits.maxIdenticalOrders`).
    case identicalOrders = 5

    public var description: String {
      switch self {
      case .orderCount: "order count"
      case .orderNotional: "order notional"
      case .fillCount: "fill count"
      case .fillNotional: "fill notional"
      case .identicalOrders: "identical orders"
      }
    }
  }

  /// Which bound.
  public var kind: Kind
  /// What the window held, this order or fill included. For the count kinds it is `limit + 1`:
  /// the detector remembers only the last `limit` times, enough to know the bound was crossed.
  public var observed: Int64
  /// The bound.
  public var limit: Int64
  /// The bound's window, ns.
  public var windowNanos: Int64
  /// When, ns since the Unix epoch.
  public var at: Int64

  public init(kind: Kind, observed: Int64, limit: Int64, windowNanos: Int64, at: Int64) {
    self.kind = kind
    self.observed = observed
    self.limit = limit
    self.windowNanos = windowNanos
    self.at = at
  }

  /// One sentence for logs and the audit record (allocates: not for the hot path).
  public var description: String {
    let within = "within \(Self.duration(windowNanos))"
    let what =
      switch kind {
      case .orderCount: "\(observed) orders \(within) exceed"
      case .orderNotional: "order notional \(observed) (raw) \(within) exceeds"
      case .fillCount: "\(observed) fills \(within) exceed"
      case .fillNotional: "fill notional \(observed) (raw) \(within) exceeds"
      case .identicalOrders: "\(observed) identical orders in a row \(within) exceed"
      }
    return "runaway guard: \(what) the limit of \(limit)"
  }

  /// `60 s`, `250 ms`, `1500 us` or `7 ns`: the largest unit that divides `nanos` exactly.
  private static func duration(_ nanos: Int64) -> String {
    if nanos % 1_000_000_000 == 0 { return "\(nanos / 1_000_000_000) s" }
    if nanos % 1_000_000 == 0 { return "\(nanos / 1_000_000) ms" }
    if nanos % 1_000 == 0 { return "\(nanos / 1_000) us" }
    return "\(nanos) ns"
  }
}
