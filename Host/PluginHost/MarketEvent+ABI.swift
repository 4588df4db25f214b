import CTradeHostPlugin
import TradingModel

/// The ABI's views of market data, as strategies and exchange plugins receive them: doubles made
/// from the exact values (each `raw / 10^precision`, so a plugin sees the decimal's nearest
/// double).
extension Bar {
  @inlinable
  public var abi: th_bar {
    var payload = th_bar()
    payload.struct_size = UInt32(MemoryLayout<th_bar>.size)
    payload.instrument_id = instrument
    payload.ts_event = timestamp
    payload.open = open.doubleValue
    payload.high = high.doubleValue
    payload.low = low.doubleValue
    payload.close = close.doubleValue
    payload.volume = volume.doubleValue
    return payload
  }
}

extension Quote {
  @inlinable
  public var abi: th_quote {
    var payload = th_quote()
    payload.struct_size = UInt32(MemoryLayout<th_quote>.size)
    payload.instrument_id = instrument
    payload.ts_event = timestamp
    payload.bid = bid.doubleValue
    payload.ask = ask.doubleValue
    payload.bid_size = bidSize.doubleValue
    payload.ask_size = askSize.doubleValue
    return payload
  }
}

extension Trade {
  @inlinable
  public var abi: th_trade {
    var payload = th_trade()
    payload.struct_size = UInt32(MemoryLayout<th_trade>.size)
    payload.instrument_id = instrument
    payload.ts_event = timestamp
    payload.price = price.doubleValue
    payload.size = size.doubleValue
    switch aggressor {
    case .unknown: payload.aggressor = th_side(TH_SIDE_NONE)
    case .buyer: payload.aggressor = th_side(TH_SIDE_BUY)
    case .seller: payload.aggressor = th_side(TH_SIDE_SELL)
    }
    return payload
  }
}

extension MarketEvent {
  /// [kernel-thread] Calls `body` with the event as the exchange ABI's `th_venue_event` (bar,
  /// quote or trade set); the pointers inside live for the call only.
  @inlinable
  public func withVenueEvent<R>(_ body: (UnsafePointer<th_venue_event>) -> R) -> R {
    var event = th_venue_event()
    event.struct_size = UInt32(MemoryLayout<th_venue_event>.size)
    event.ts_event = timestamp
    switch self {
    case .bar(let bar):
      var payload = bar.abi
      event.type = th_venue_event_type(TH_VENUE_BAR)
      return withUnsafePointer(to: &payload) { pointer in
        event.bar = pointer
        return body(&event)
      }
    case .quote(let quote):
      var payload = quote.abi
      event.type = th_venue_event_type(TH_VENUE_QUOTE)
      return withUnsafePointer(to: &payload) { pointer in
        event.quote = pointer
        return body(&event)
      }
    case .trade(let trade):
      var payload = trade.abi
      event.type = th_venue_event_type(TH_VENUE_TRADE)
      return withUnsafePointer(to: &payload) { pointer in
        event.trade = pointer
        return body(&event)
      }
    }
  }
}
