import Testing
import TradingModel

@Suite("Order")
struct OrderTests {
  private let spy = Fixtures.spy

  private func order(_ quantity: String = "10", id: ClientOrderID = 1) -> Order {
    Order(
      clientOrderID: id, slot: 0, instrument: spy.id, side: .buy, quantity: spy.qty(quantity),
      type: .limit(spy.px("101.00")), timeInForce: .gtc, reduceOnly: false, createdAt: 5)
  }

  private func working(_ quantity: String = "10") throws -> Order {
    var order = order(quantity)
    try order.apply(.submitted, at: 6)
    try order.apply(.accepted, at: 7)
    return order
  }

  @Test("a new order is initialized with nothing filled")
  func initial() {
    let order = order()
    #expect(order.state == .initialized)
    #expect(order.filledQuantity == spy.qty("0"))
    #expect(order.leavesQuantity == spy.qty("10"))
    #expect(order.averageFillPrice == nil)
    #expect(order.stateBeforeCancel == nil)
    #expect(order.updatedAt == 5)
    #expect(order.type.limitPrice == spy.px("101.00"))
  }

  @Test("fills move it to partially filled, then filled, with the exact average price")
  func fills() throws {
    var order = try working()
    try order.applyFill(spy.fill(.buy, "3", at: "100.00", time: 8))
    #expect(order.state == .partiallyFilled)
    #expect(order.filledQuantity == spy.qty("3"))
    #expect(order.leavesQuantity == spy.qty("7"))
    #expect(order.averageFillPrice == spy.px("100.00"))
    try order.applyFill(spy.fill(.buy, "7", at: "101.00", time: 9))
    #expect(order.state == .filled)
    #expect(order.leavesQuantity == spy.qty("0"))
    #expect(order.averageFillPrice == spy.px("100.70"))  // (300 + 707) / 10
    #expect(order.fillCount == 2)
    #expect(order.updatedAt == 9)
  }

  @Test("the average fill price is rounded half-even once")
  func averageRounding() throws {
    var order = try working("3")
    try order.applyFill(spy.fill(.buy, "1", at: "100.01"))
    try order.applyFill(spy.fill(.buy, "2", at: "100.02"))
    #expect(order.averageFillPrice == spy.px("100.02"))  // 100.01666...
    var tie = try working("2")
    try tie.applyFill(spy.fill(.buy, "1", at: "100.01"))
    try tie.applyFill(spy.fill(.buy, "1", at: "100.02"))
    #expect(tie.averageFillPrice == spy.px("100.02"))  // 100.015: tie to even
  }

  @Test("a venue may fill a submitted order before acknowledging it")
  func immediateFill() throws {
    var order = order()
    try order.apply(.submitted, at: 6)
    try order.applyFill(spy.fill(.buy, "10", at: "100.50"))
    #expect(order.state == .filled)
  }

  @Test("an overfill is refused and leaves the order unchanged")
  func overfill() throws {
    var order = try working()
    try order.applyFill(spy.fill(.buy, "4", at: "100.00"))
    let before = order
    #expect(
      throws: OrderTransitionError(
        orderID: 1, from: .partiallyFilled, event: .partiallyFilled,
        reason: .overfill(leaves: spy.qty("6"), fill: spy.qty("7")))
    ) {
      try order.applyFill(spy.fill(.buy, "7", at: "100.00"))
    }
    #expect(order == before)
    try order.applyFill(spy.fill(.buy, "6", at: "100.00"))
    #expect(throws: OrderTransitionError.self) {
      try order.applyFill(spy.fill(.buy, "1", at: "100.00"))
    }
    #expect(order.state == .filled)
    #expect(order.filledQuantity == spy.qty("10"))
  }

  @Test("fills of another order, side or size precision are refused")
  func invalidFills() throws {
    var order = try working()
    func reason(_ fill: Fill) -> OrderTransitionError.Reason? {
      do {
        try order.applyFill(fill)
        return nil
      } catch {
        return error.reason
      }
    }
    #expect(reason(spy.fill(.sell, "1", at: "100.00")) == .foreignFill)
    #expect(reason(spy.fill(.buy, "1", at: "100.00", order: 2)) == .foreignFill)
    #expect(reason(spy.fill(.buy, "1", at: "100.00", slot: 1)) == .foreignFill)
    #expect(reason(Fixtures.btc.fill(.buy, "1", at: "100.0")) == .foreignFill)
    var zero = spy.fill(.buy, "1", at: "100.00")
    zero.quantity.raw = 0
    #expect(reason(zero) == .invalidFillQuantity)
    var precise = spy.fill(.buy, "1", at: "100.00")
    precise.quantity = Quantity(raw: 10, precision: 1)
    #expect(reason(precise) == .invalidFillQuantity)
    #expect(reason(spy.fill(.buy, "1", at: "100.00")) == nil)
    var otherPrice = spy.fill(.buy, "1", at: "100.00")
    otherPrice.price = Price(raw: 1_000, precision: 1)
    #expect(reason(otherPrice) == .invalidFillPrice)
    #expect(order.filledQuantity == spy.qty("1"))
  }

  @Test("illegal events and fill events without a fill are refused with a clear message")
  func illegal() throws {
    var order = order()
    do {
      try order.apply(.accepted, at: 1)
      Issue.record("accepted an unsubmitted order")
    } catch {
      #expect(error == OrderTransitionError(orderID: 1, from: .initialized, event: .accepted))
      #expect(
        error.description
          == "order 1 (initialized): refused 'accepted': not a legal event in state 'initialized'")
    }
    try order.apply(.submitted, at: 2)
    #expect(
      throws: OrderTransitionError(
        orderID: 1, from: .submitted, event: .filled, reason: .fillRequiresQuantity)
    ) {
      try order.apply(.filled, at: 3)
    }
    try order.apply(.rejected, at: 3)
    for event in OrderEventKind.allCases where !event.isFill {
      #expect(throws: OrderTransitionError.self) { try order.apply(event, at: 4) }
    }
    #expect(order.state == .rejected)
    #expect(order.updatedAt == 3)
  }

  @Test("the risk gateway's denial is terminal")
  func denied() throws {
    var order = order()
    try order.apply(.denied, at: 1)
    #expect(order.state == .denied)
    #expect(order.state.isTerminal)
    #expect(throws: OrderTransitionError.self) { try order.apply(.submitted, at: 2) }
  }

  @Test("a rejected cancel returns to the state before it, including a fill that raced it")
  func cancelRejected() throws {
    var order = try working()
    try order.apply(.cancelRequested, at: 10)
    #expect(order.state == .pendingCancel)
    #expect(order.stateBeforeCancel == .accepted)
    try order.applyFill(spy.fill(.buy, "4", at: "100.00", time: 11))
    #expect(order.state == .pendingCancel)
    #expect(order.stateBeforeCancel == .partiallyFilled)
    #expect(order.filledQuantity == spy.qty("4"))
    try order.apply(.cancelRequested, at: 12)  // a repeated request changes nothing
    #expect(order.stateBeforeCancel == .partiallyFilled)
    try order.apply(.cancelRejected, at: 13)
    #expect(order.state == .partiallyFilled)
    #expect(order.stateBeforeCancel == nil)
    try order.apply(.cancelRequested, at: 14)
    try order.apply(.canceled, at: 15)
    #expect(order.state == .canceled)
    #expect(order.stateBeforeCancel == nil)
    #expect(order.filledQuantity == spy.qty("4"))
  }

  @Test("an order canceled before its ack: the ack passes through, the rest is checked")
  func cancelBeforeAck() throws {
    var order = order()
    try order.apply(.submitted, at: 1)
    try order.apply(.cancelRequested, at: 2)
    #expect(order.stateBeforeCancel == .submitted)
    try order.apply(.accepted, at: 3)
    #expect(order.state == .pendingCancel)
    #expect(order.stateBeforeCancel == .accepted)
    // A second ack is illegal for the order the cancel left behind.
    #expect(throws: OrderTransitionError(orderID: 1, from: .pendingCancel, event: .accepted)) {
      try order.apply(.accepted, at: 4)
    }
    // So is a venue rejection of an order it already accepted.
    #expect(throws: OrderTransitionError.self) { try order.apply(.rejected, at: 4) }
    try order.apply(.cancelRejected, at: 5)
    #expect(order.state == .accepted)
  }

  @Test("a stop triggers, the last fill can beat a cancel")
  func stopAndRace() throws {
    var order = Order(
      clientOrderID: 9, slot: 0, instrument: spy.id, side: .sell, quantity: spy.qty("5"),
      type: .stop(trigger: spy.px("99.00")), timeInForce: .day, reduceOnly: true, createdAt: 0)
    try order.apply(.submitted, at: 1)
    try order.apply(.accepted, at: 2)
    try order.apply(.triggered, at: 3)
    try order.apply(.cancelRequested, at: 4)
    #expect(order.stateBeforeCancel == .triggered)
    try order.applyFill(spy.fill(.sell, "5", at: "98.90", order: 9, time: 5))
    #expect(order.state == .filled)
    #expect(order.stateBeforeCancel == nil)
    #expect(order.averageFillPrice == spy.px("98.90"))
  }
}

@Suite("Order shrinking by the risk gate")
struct OrderShrinkTests {
  func order() -> Order {
    Order(
      clientOrderID: 1, slot: 0, instrument: 0, side: .buy, quantity: Quantity(raw: 10, precision: 0),
      type: .market, timeInForce: .gtc, reduceOnly: false, createdAt: 0)
  }

  @Test("an initialized order shrinks; it never grows, never to zero, never after submission")
  func shrink() throws {
    var order = order()
    let grew = order.reduceQuantity(to: Quantity(raw: 11, precision: 0))
    let zeroed = order.reduceQuantity(to: Quantity(raw: 0, precision: 0))
    let otherPrecision = order.reduceQuantity(to: Quantity(raw: 5, precision: 1))
    let shrunk = order.reduceQuantity(to: Quantity(raw: 4, precision: 0))
    #expect(!grew && !zeroed && !otherPrecision && shrunk)
    #expect(order.quantity == Quantity(raw: 4, precision: 0))
    #expect(order.leavesQuantity == Quantity(raw: 4, precision: 0))
    try order.apply(.submitted, at: 1)
    let afterSubmit = order.reduceQuantity(to: Quantity(raw: 2, precision: 0))
    #expect(!afterSubmit)
  }
}
