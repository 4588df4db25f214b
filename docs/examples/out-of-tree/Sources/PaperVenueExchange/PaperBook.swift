import PluginKit

/// The paper venue's books: cash, positions, orders waiting for a price, every client order id
/// seen, and the last close of each symbol. A plain value: each operation changes the books and
/// returns the events to emit, so it can be tested without a host and guarded by one lock.
///
/// Rules: a market order fills in full at the last close the venue has seen for its symbol, at
/// once if there is one, else when the first bar of that symbol arrives. A buy that costs more
/// than the cash is refused (rejected when it arrives, cancelled when it was waiting). Short sales
/// are allowed. The fee is `feeRate` times the notional, taken from the cash.
struct PaperBook {
  /// The currency of the cash balance.
  static let currency = "USD"

  /// Fraction of the notional charged per fill.
  let feeRate: Double
  private(set) var cash: Double
  private var positionsByInstrument: [UInt32: VenuePosition] = [:]
  /// Accepted orders waiting for a first price, in arrival order.
  private var waiting: [VenueOrder] = []
  /// Every client order id ever submitted: the idempotency keys.
  private var seen: Set<UInt64> = []
  private var lastClose: [String: Double] = [:]

  init(cash: Double, feeRate: Double) {
    self.cash = cash
    self.feeRate = feeRate
  }

  /// Takes an order. A client order id seen before throws `PluginError.duplicate` and changes
  /// nothing (the first submission's outcome stands).
  mutating func submit(_ order: VenueOrder, at now: Int64) throws -> [PaperEvent] {
    guard seen.insert(order.clientOrderID).inserted else {
      throw PluginError.duplicate("client order id \(order.clientOrderID) was already submitted")
    }
    if let problem = Self.problem(with: order) {
      return [.order(OrderUpdate(Int(TH_EVENT_REJECTED), order, at: now, reason: problem))]
    }
    guard let price = lastClose[order.symbol] else {
      waiting.append(order)
      return [.order(accepted(order, at: now))]
    }
    if let shortfall = cashShortfall(order, at: price) {
      return [.order(OrderUpdate(Int(TH_EVENT_REJECTED), order, at: now, reason: shortfall))]
    }
    return [.order(accepted(order, at: now)), .order(fill(order, at: price, time: now))]
  }

  /// Cancels a waiting order; `PluginError.notFound` for an unknown or already filled one.
  mutating func cancel(_ clientOrderID: UInt64, at now: Int64) throws -> [PaperEvent] {
    guard let index = waiting.firstIndex(where: { $0.clientOrderID == clientOrderID }) else {
      throw PluginError.notFound("order \(clientOrderID) is not open at the paper venue")
    }
    let order = waiting.remove(at: index)
    return [
      .order(OrderUpdate(Int(TH_EVENT_CANCELLED), order, at: now, reason: "cancelled on request"))
    ]
  }

  /// Records a bar's close and fills the orders waiting for a price of its symbol.
  mutating func close(symbol: String, price: Double, at time: Int64) -> [PaperEvent] {
    lastClose[symbol] = price
    var events: [PaperEvent] = []
    var stillWaiting: [VenueOrder] = []
    for order in waiting {
      guard order.symbol == symbol else {
        stillWaiting.append(order)
        continue
      }
      if let shortfall = cashShortfall(order, at: price) {
        events.append(
          .order(OrderUpdate(Int(TH_EVENT_CANCELLED), order, at: time, reason: shortfall)))
      } else {
        events.append(.order(fill(order, at: price, time: time)))
      }
    }
    waiting = stillWaiting
    return events
  }

  /// The cash balance.
  var balances: [VenueBalance] {
    [VenueBalance(currency: Self.currency, total: cash, available: cash)]
  }

  /// Open positions, by instrument id.
  var positions: [VenuePosition] {
    positionsByInstrument.values.sorted { $0.instrumentID < $1.instrumentID }
  }

  /// Orders accepted and not yet filled or cancelled.
  var openOrders: [VenueOrder] { waiting }

  // MARK: Rules

  /// Why the venue refuses an order outright, or nil.
  private static func problem(with order: VenueOrder) -> String? {
    guard Int(order.type) == Int(TH_ORDER_MARKET) else {
      return "the paper venue takes market orders only"
    }
    guard Int(order.side) == Int(TH_SIDE_BUY) || Int(order.side) == Int(TH_SIDE_SELL) else {
      return "side \(order.side) is neither buy nor sell"
    }
    guard order.quantity > 0, order.quantity.isFinite else {
      return "quantity \(order.quantity) is not a positive number"
    }
    guard !order.symbol.isEmpty else { return "the order names no symbol" }
    return nil
  }

  /// Why a buy cannot be paid for at `price`, or nil.
  private func cashShortfall(_ order: VenueOrder, at price: Double) -> String? {
    guard Int(order.side) == Int(TH_SIDE_BUY) else { return nil }
    let cost = order.quantity * price * (1 + feeRate)
    return cost > cash ? "insufficient cash: the order costs \(cost), the cash is \(cash)" : nil
  }

  private func accepted(_ order: VenueOrder, at time: Int64) -> OrderUpdate {
    var update = OrderUpdate(Int(TH_EVENT_ACCEPTED), order, at: time)
    update.leavesQuantity = order.quantity
    return update
  }

  /// Fills `order` in full at `price`: moves the cash, updates the position.
  private mutating func fill(_ order: VenueOrder, at price: Double, time: Int64) -> OrderUpdate {
    let buying = Int(order.side) == Int(TH_SIDE_BUY)
    let notional = order.quantity * price
    let fee = notional * feeRate
    cash += (buying ? -notional : notional) - fee

    let id = order.instrumentID
    var position =
      positionsByInstrument[id] ?? VenuePosition(instrumentID: id, quantity: 0, averagePrice: 0)
    let signed = buying ? order.quantity : -order.quantity
    let quantity = position.quantity + signed
    if quantity == 0 {
      position.averagePrice = 0
    } else if position.quantity == 0 || (position.quantity > 0) == (signed > 0) {
      // Opening or adding: the average of the old and the new lots.
      position.averagePrice =
        (position.averagePrice * abs(position.quantity) + price * order.quantity) / abs(quantity)
    } else if (quantity > 0) != (position.quantity > 0) {
      // Reversed through flat: the remainder was opened at this price.
      position.averagePrice = price
    }
    position.quantity = quantity
    positionsByInstrument[id] = quantity == 0 ? nil : position

    var update = OrderUpdate(Int(TH_EVENT_FILLED), order, at: time)
    update.fillQuantity = order.quantity
    update.fillPrice = price
    update.fee = fee
    return update
  }
}
