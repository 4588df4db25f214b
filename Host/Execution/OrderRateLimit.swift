/// A venue-side order-rate limit: at most `orders` new orders in any `window` ns (the whole
/// venue, as an exchange counts per account). An order past it is rejected, like a real
/// venue's "too many requests", with the reason saying so.
public struct OrderRateLimit: Hashable, Sendable {
  public var orders: Int
  public var window: Int64

  public init(orders: Int, window: Int64) {
    self.orders = orders
    self.window = window
  }
}

/// The times of the last `limit.orders` accepted orders, in a ring allocated once.
struct OrderRateWindow {
  let limit: OrderRateLimit
  private var times: [Int64]
  private var next = 0
  private var count = 0

  init(_ limit: OrderRateLimit) {
    self.limit = limit
    times = Array(repeating: 0, count: max(1, limit.orders))
  }

  /// Records an order at `now` and returns `true`, or returns `false` (recording nothing) when
  /// `limit.orders` orders were already taken within the window ending at `now`.
  mutating func admit(at now: Int64) -> Bool {
    if count == times.count {
      let oldest = times[next]
      if now - oldest < limit.window { return false }
    } else {
      count += 1
    }
    times[next] = now
    next = (next + 1) % times.count
    return true
  }
}
