import CTradeHostPlugin
import TradingModel

/// The ABI's views of market data, as strategies receive them: doubles made from the exact
/// values (each `raw / 10^precision`, so a plugin sees the decimal's nearest double).
extension Bar {
  @inline(__always)
  var abi: th_bar {
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
  @inline(__always)
  var abi: th_quote {
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
  @inline(__always)
  var abi: th_trade {
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
