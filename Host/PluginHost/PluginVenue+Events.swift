import CTradeHostPlugin
import TradingModel

extension PluginVenue {
  /// [kernel-thread] Hands every waiting message to the sink, checked, in arrival order.
  func drain(_ sink: some VenueSink) {
    if inbox.isEmpty { return }
    let lost = inbox.takeOverflow()
    if lost > 0 {
      venueWideFault(
        .queueOverflow, "\(lost) events were refused: the inbox of \(inbox.capacity) was full",
        sink: sink)
    }
    while inbox.take(into: &message) {
      switch message.kind {
      case .none: continue
      case .malformed:
        if message.clientOrderID != 0, let index = index(of: message.clientOrderID) {
          fault(.malformedEvent, order: open[index], message.text ?? "unreadable event", sink: sink)
        } else {
          venueWideFault(.malformedEvent, message.text ?? "unreadable event", sink: sink)
        }
      case .order:
        apply(sink)
      case .market:
        applyMarket(sink)
      }
    }
  }

  /// Checks the order event in `message` against the order it names and applies it.
  private func apply(_ sink: some VenueSink) {
    let id = message.clientOrderID
    guard let index = index(of: id) else {
      fault(
        .unknownOrder, clientOrderID: id, instrument: knownInstrument(message.instrumentID),
        "\(Self.typeName(message.type)) for an order that is not open at this venue", sink: sink)
      return
    }
    let time = message.timestamp
    switch Int(message.type) {
    case TH_EVENT_ACCEPTED:
      guard transition(index, .accepted, at: time, sink) else { return }
      sink.venueAccepted(open[index])
    case TH_EVENT_REJECTED:
      guard transition(index, .rejected, at: time, sink) else { return }
      dropAmend(of: open[index], sink)
      let order = removeOpen(at: index)
      if let text = message.text {
        sink.venueRejected(order, text: text)
      } else {
        sink.venueRejected(order, reason: "rejected by the venue")
      }
    case TH_EVENT_CANCELLED:
      guard transition(index, .canceled, at: time, sink) else { return }
      dropAmend(of: open[index], sink)
      let order = removeOpen(at: index)
      if let text = message.text {
        sink.venueCanceled(order, text: text)
      } else {
        sink.venueCanceled(order, reason: "cancelled by the venue")
      }
    case TH_EVENT_EXPIRED:
      guard transition(index, .expired, at: time, sink) else { return }
      dropAmend(of: open[index], sink)
      sink.venueExpired(removeOpen(at: index))
    case TH_EVENT_FILLED:
      applyFill(index, sink)
    case TH_EVENT_AMENDED:
      applyAmended(index, sink)
    case TH_EVENT_AMEND_REJECTED:
      applyAmendRejected(index, sink)
    default:
      fault(
        .malformedEvent, order: open[index],
        "order event type \(message.type) is not one a venue sends", sink: sink)
    }
  }

  /// Moves the order by the lifecycle table; a move the table refuses is a duplicate or
  /// out-of-order event (reported; the order is unchanged).
  private func transition(
    _ index: Int, _ kind: OrderEventKind, at time: Int64, _ sink: some VenueSink
  ) -> Bool {
    do throws(OrderTransitionError) {
      try open[index].apply(kind, at: time)
      return true
    } catch {
      fault(
        .duplicateEvent, order: open[index],
        "\(kind) is not allowed for an order that is \(open[index].state)", sink: sink)
      return false
    }
  }

  /// Checks a fill (size on the lot, price on the tick, fee in the currency, no more than what
  /// is left) and applies it.
  private func applyFill(_ index: Int, _ sink: some VenueSink) {
    let order = open[index]
    let instrument = instruments[Int(order.instrument)]
    let quantity: Quantity
    switch instrument.quantity(fromDouble: message.fillQuantity) {
    case .success(let value): quantity = value
    case .failure(let error):
      switch error {
      case .offLot, .tooPrecise:
        fault(.offLotQuantity, order: order, "fill quantity \(error)", sink: sink)
      default:
        fault(.malformedEvent, order: order, "fill quantity \(error)", sink: sink)
      }
      return
    }
    let price: Price
    switch instrument.price(fromDouble: message.fillPrice) {
    case .success(let value): price = value
    case .failure(let error):
      // More decimals than the instrument's precision is off the tick too.
      switch error {
      case .offTick, .tooPrecise:
        fault(.offTickPrice, order: order, "fill price \(error)", sink: sink)
      default:
        fault(.malformedEvent, order: order, "fill price \(error)", sink: sink)
      }
      return
    }
    let fee: Money
    switch FixedPoint.fromDouble(message.fee, precision: instrument.currency.precision) {
    case .success(let raw): fee = Money(raw: raw, currency: instrument.currency)
    case .failure(let error):
      fault(
        .malformedEvent, order: order, "fee \(message.fee) \(error) in \(instrument.currency)",
        sink: sink)
      return
    }
    guard quantity.raw <= order.leavesQuantity.raw else {
      fault(
        .overfill, order: order,
        "a fill of \(quantity) when \(order.leavesQuantity) of \(order.quantity) is left",
        sink: sink)
      return
    }
    let fill = Fill(
      clientOrderID: order.clientOrderID, slot: order.slot, instrument: order.instrument,
      side: order.side, quantity: quantity, price: price, fee: fee,
      liquidity: order.type.limitPrice == nil ? .taker : .maker,
      timestamp: message.timestamp, tradeID: nextTradeID)
    do throws(OrderTransitionError) {
      try open[index].applyFill(fill)
    } catch {
      fault(
        .duplicateEvent, order: order, "a fill is not allowed for an order that is \(order.state)",
        sink: sink)
      return
    }
    nextTradeID += 1
    let updated = open[index]
    if updated.state == .filled {
      dropAmend(of: order, sink)
      removeOpen(at: index)
    }
    sink.venueFilled(updated, fill: fill)
  }

  /// Reports a fault that concerns no single order to the breaker of each venue name the plugin
  /// trades (one error line each; one when the plugin trades one venue's instruments).
  func venueWideFault(_ kind: VenueFault.Kind, _ detail: String, sink: some VenueSink) {
    guard !breakerScopes.isEmpty else {
      fault(kind, instrument: nil, detail, sink: sink)
      return
    }
    for instrument in breakerScopes { fault(kind, instrument: instrument, detail, sink: sink) }
  }

  /// Reports a fault about `order`.
  func fault(
    _ kind: VenueFault.Kind, order: Order, _ detail: String, sink: some VenueSink
  ) {
    fault(kind, clientOrderID: order.clientOrderID, instrument: order.instrument, detail, sink: sink)
  }

  /// Reports a fault (counted here; the sink logs it and tells the venue-health breaker).
  func fault(
    _ kind: VenueFault.Kind, clientOrderID: ClientOrderID? = nil, instrument: InstrumentID?,
    _ detail: String, sink: some VenueSink
  ) {
    faults += 1
    sink.venueFault(
      VenueFault(
        venue: name, kind: kind, clientOrderID: clientOrderID == 0 ? nil : clientOrderID,
        instrument: instrument, detail: detail))
  }

  private func knownInstrument(_ id: UInt32) -> InstrumentID? {
    Int(id) < instruments.count ? id : nil
  }

  private static func typeName(_ type: UInt32) -> String {
    switch Int(type) {
    case TH_EVENT_ACCEPTED: "an accept"
    case TH_EVENT_REJECTED: "a reject"
    case TH_EVENT_FILLED: "a fill"
    case TH_EVENT_CANCELLED: "a cancel"
    case TH_EVENT_EXPIRED: "an expiry"
    case TH_EVENT_AMENDED: "an amend confirmation"
    case TH_EVENT_AMEND_REJECTED: "an amend refusal"
    default: "an event of type \(type)"
    }
  }
}
