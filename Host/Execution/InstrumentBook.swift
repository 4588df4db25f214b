import TradingModel

/// The simulator's state for one instrument: its limit order book (bids best first, asks best
/// first, each price level oldest first: price-time priority), the orders not in the book
/// (in flight, market orders still working, untriggered stops, children waiting for a parent),
/// the market's last prices and sizes, and the volume left on the current event.
struct InstrumentBook {
  var bids: [WorkingOrder] = []
  var asks: [WorkingOrder] = []
  var pending: [WorkingOrder] = []
  var reference = ReferencePrices()
  /// Displayed sizes at the touch from the last quote, raw (0: unknown).
  var bidSize: Int64 = 0
  var askSize: Int64 = 0
  /// Estimated volume traded at one price level on the last event, raw.
  var levelVolume: Int64 = 0
  /// Volume the simulator's fills may still take on the current event, raw, per side; shared
  /// (one budget for both sides) for bars and trades. `Int64.max`: no cap.
  var buyBudget: Int64 = .max
  var sellBudget: Int64 = .max
  var sharedBudget = true
  /// Daily volume for the impact model's ADV estimate.
  var day: Int64 = .min
  var dayVolume: Int64 = 0
  var completedDays: Int64 = 0
  var completedVolume: Int64 = 0

  @inline(__always)
  func budget(_ side: OrderSide) -> Int64 { side == .buy ? buyBudget : sellBudget }

  @inline(__always)
  mutating func consume(_ side: OrderSide, _ quantity: Int64) {
    if sharedBudget {
      if buyBudget != .max { buyBudget -= quantity }
      sellBudget = buyBudget
    } else if side == .buy {
      if buyBudget != .max { buyBudget -= quantity }
    } else if sellBudget != .max {
      sellBudget -= quantity
    }
  }

  /// The average daily volume seen so far, raw (the running day before the first full day).
  var averageDailyVolume: Int64 {
    completedDays > 0 ? completedVolume / completedDays : dayVolume
  }

  /// Adds `volume` at `timestamp` to the daily totals.
  @inline(__always)
  mutating func recordVolume(_ volume: Int64, at timestamp: Int64) {
    let today = UTCDay.of(timestamp)
    if today != day {
      if day != .min {
        completedDays += 1
        completedVolume &+= dayVolume
      }
      day = today
      dayVolume = 0
    }
    dayVolume &+= volume
  }

  /// Inserts a limit order at its place by price, then time.
  mutating func insert(_ working: WorkingOrder) {
    let limit = working.limit
    if working.order.side == .buy {
      var index = bids.count
      while index > 0, bids[index - 1].limit < limit { index -= 1 }
      bids.insert(working, at: index)
    } else {
      var index = asks.count
      while index > 0, asks[index - 1].limit > limit { index -= 1 }
      asks.insert(working, at: index)
    }
  }

  /// The open quantity of resting orders on `side` at exactly `limit`, raw.
  func restingQuantity(_ side: OrderSide, at limit: Int64) -> Int64 {
    var total: Int64 = 0
    for working in side == .buy ? bids : asks
    where !working.closed && working.limit == limit {
      total += working.order.leavesQuantity.raw
    }
    return total
  }

  /// Drops closed orders from every list (in place, no allocation).
  mutating func compact() {
    bids.removeAll(where: \.closed)
    asks.removeAll(where: \.closed)
    pending.removeAll(where: \.closed)
  }
}
