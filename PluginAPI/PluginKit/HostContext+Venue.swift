/// Typed helpers for exchange adapters: every venue event goes through `HostContext.emit`.
///
/// [any-thread]. The host copies what it needs before returning, so the strings and structs
/// passed here only have to live for the call. Each helper returns the host's status:
/// `TH_ERR_INVALID_STATE` means the host has disconnected the adapter and wants nothing more.
extension HostContext {
  /// Delivers a closed bar (`TH_VENUE_BAR`).
  @discardableResult
  public func emitBar(_ bar: Bar) -> th_status {
    withUnsafePointer(to: bar) { pointer in
      emit(venueEvent(type: TH_VENUE_BAR, timestamp: bar.ts_event) { $0.bar = pointer })
    }
  }

  /// Delivers a quote (`TH_VENUE_QUOTE`).
  @discardableResult
  public func emitQuote(_ quote: Quote) -> th_status {
    withUnsafePointer(to: quote) { pointer in
      emit(venueEvent(type: TH_VENUE_QUOTE, timestamp: quote.ts_event) { $0.quote = pointer })
    }
  }

  /// Delivers a trade print (`TH_VENUE_TRADE`).
  @discardableResult
  public func emitTrade(_ trade: Trade) -> th_status {
    withUnsafePointer(to: trade) { pointer in
      emit(venueEvent(type: TH_VENUE_TRADE, timestamp: trade.ts_event) { $0.trade = pointer })
    }
  }

  /// Delivers an order event (`TH_VENUE_ORDER`); `reason` and `venueOrderID` fill the event's
  /// string fields for the duration of the call.
  @discardableResult
  public func emitOrderEvent(
    _ event: OrderEvent, reason: String? = nil, venueOrderID: String? = nil
  ) -> th_status {
    withOptionalCString(reason) { reasonPointer in
      withOptionalCString(venueOrderID) { idPointer in
        var event = event
        event.reason = reasonPointer
        event.venue_order_id = idPointer
        return withUnsafePointer(to: event) { pointer in
          emit(venueEvent(type: TH_VENUE_ORDER, timestamp: event.ts_event) { $0.order = pointer })
        }
      }
    }
  }

  /// Reports that the session is up (`TH_VENUE_CONNECTED`), at the host clock's time unless
  /// `timestamp` is given.
  @discardableResult
  public func emitConnected(at timestamp: Int64? = nil) -> th_status {
    emit(venueEvent(type: TH_VENUE_CONNECTED, timestamp: timestamp ?? now) { _ in })
  }

  /// Reports that the session is down and why (`TH_VENUE_DISCONNECTED`).
  @discardableResult
  public func emitDisconnected(reason: String, at timestamp: Int64? = nil) -> th_status {
    reason.withCString { message in
      emit(
        venueEvent(type: TH_VENUE_DISCONNECTED, timestamp: timestamp ?? now) {
          $0.message = message
        })
    }
  }

  private func venueEvent(
    type: Int, timestamp: Int64, _ fill: (inout th_venue_event) -> Void
  ) -> th_venue_event {
    var event = th_venue_event()
    event.struct_size = UInt32(MemoryLayout<th_venue_event>.size)
    event.type = th_venue_event_type(type)
    event.ts_event = timestamp
    fill(&event)
    return event
  }
}

/// Calls `body` with a C string for `text`, or NULL when `text` is nil.
private func withOptionalCString<R>(_ text: String?, _ body: (UnsafePointer<CChar>?) -> R) -> R {
  guard let text else { return body(nil) }
  return text.withCString { body($0) }
}

extension th_order_event {
  /// An order event with `struct_size` set and every number zero, for adapters to fill.
  public init(
    type: th_order_event_type, clientOrderID: UInt64, instrumentID: UInt32, side: th_side,
    timestamp: Int64, leavesQuantity: Double
  ) {
    self.init()
    self.struct_size = UInt32(MemoryLayout<th_order_event>.size)
    self.type = type
    self.client_order_id = clientOrderID
    self.instrument_id = instrumentID
    self.side = side
    self.ts_event = timestamp
    self.leaves_quantity = leavesQuantity
  }
}
