import CTradeHostPlugin
import TradingModel

/// Amends through an exchange plugin (`amend_order`, declared with `TH_EXCHANGE_AMEND`).
///
/// One amend per order waits for the venue at a time: the host remembers what it asked, and the
/// venue's `TH_EVENT_AMENDED` must confirm exactly that (its `leaves_quantity` is the asked
/// quantity less what has filled); `TH_EVENT_AMEND_REJECTED`, an error from `amend_order`, or the
/// order closing first ends the wait with a refusal. An `AMENDED` nobody asked for, or one that
/// confirms other numbers, is a venue fault and changes nothing.
extension PluginVenue {
  public func amend(
    _ clientOrderID: ClientOrderID, to amendment: OrderAmendment, at now: Int64,
    sink: some VenueSink
  ) -> Bool {
    guard let index = index(of: clientOrderID) else { return false }
    let order = open[index]
    if amending.contains(where: { $0.id == clientOrderID }) {
      sink.venueAmendRejected(
        order, attempted: amendment, reason: "an amend of this order is still waiting for the venue"
      )
      return true
    }
    guard order.isValid(amendment), order.state != .pendingCancel else {
      sink.venueAmendRejected(
        order, attempted: amendment, reason: "the amend does not fit the order as the venue has it")
      return true
    }
    amending.append((clientOrderID, amendment))
    do throws(PluginCallError) {
      try exchange.amend(
        clientOrderID: clientOrderID, quantity: amendment.quantity.doubleValue,
        limitPrice: amendment.type.limitPrice?.doubleValue ?? .nan,
        stopPrice: amendment.type.triggerPrice?.doubleValue ?? .nan)
    } catch {
      amending.removeAll { $0.id == clientOrderID }
      // A refusal the adapter states (rejected, invalid, unknown order) is an answer; any other
      // error is also a fault of the venue.
      let answered = [TH_ERR_REJECTED, TH_ERR_INVALID_ARGUMENT, TH_ERR_NOT_FOUND].contains {
        error.status == th_status($0)
      }
      if !answered { fault(.callFailed, order: order, "amend_order failed: \(error)", sink: sink) }
      sink.venueAmendRejected(
        order, attempted: amendment, text: "venue '\(name)' refused the amend: \(error.message)")
    }
    drain(sink)
    return true
  }

  public func openOrder(_ clientOrderID: ClientOrderID) -> Order? {
    index(of: clientOrderID).map { open[$0] }
  }

  /// The venue confirmed an amend of `open[index]` (`message` is its `TH_EVENT_AMENDED`). The
  /// wait ends whatever the confirmation says; one that does not fit is a fault and a refusal.
  func applyAmended(_ index: Int, _ sink: some VenueSink) {
    let order = open[index]
    guard let waiting = amending.firstIndex(where: { $0.id == order.clientOrderID }) else {
      fault(.duplicateEvent, order: order, "an amend confirmation nobody asked for", sink: sink)
      return
    }
    let amendment = amending.remove(at: waiting).amendment
    func refuse(_ kind: VenueFault.Kind, _ detail: String, _ reason: StaticString) {
      fault(kind, order: order, detail, sink: sink)
      sink.venueAmendRejected(order, attempted: amendment, reason: reason)
    }
    let expected = amendment.quantity.raw - order.filledQuantity.raw
    let instrument = instruments[Int(order.instrument)]
    guard case .success(let leaves) = instrument.quantity(fromDouble: message.leavesQuantity),
      leaves.raw == expected
    else {
      let asked = Quantity(raw: max(0, expected), precision: amendment.quantity.precision)
      refuse(
        .malformedEvent,
        "the amend confirmation leaves \(message.leavesQuantity), the amend asked for \(asked)",
        "the venue confirmed other numbers than asked")
      return
    }
    do throws(OrderTransitionError) {
      try open[index].amend(to: amendment, at: message.timestamp)
    } catch {
      refuse(
        .duplicateEvent, "an amend is not allowed for an order that is \(order.state)",
        "illegal order transition on amend")
      return
    }
    sink.venueAmended(open[index])
  }

  /// The venue refused an amend of `open[index]` (`TH_EVENT_AMEND_REJECTED`).
  func applyAmendRejected(_ index: Int, _ sink: some VenueSink) {
    let order = open[index]
    guard let waiting = amending.firstIndex(where: { $0.id == order.clientOrderID }) else {
      fault(.duplicateEvent, order: order, "an amend refusal for no amend asked", sink: sink)
      return
    }
    let amendment = amending.remove(at: waiting).amendment
    if let text = message.text {
      sink.venueAmendRejected(order, attempted: amendment, text: text)
    } else {
      sink.venueAmendRejected(order, attempted: amendment, reason: "the venue refused the amend")
    }
  }

  /// Ends the wait of an amend of `order`, which is closing, before its close is reported.
  func dropAmend(of order: Order, _ sink: some VenueSink) {
    guard !amending.isEmpty,
      let waiting = amending.firstIndex(where: { $0.id == order.clientOrderID })
    else { return }
    let amendment = amending.remove(at: waiting).amendment
    sink.venueAmendRejected(
      order, attempted: amendment, reason: "the order closed before the venue answered the amend")
  }
}
