import CTradeHostPlugin
import TradingModel

extension PluginVenue {
  /// Checks the streamed bar, quote or trade in `message` (an instrument this venue trades,
  /// prices on its tick, sizes within its size precision and not negative, a bar's high and low
  /// around its open and close) and queues it for the kernel (`takeStreamedEvent`). Anything
  /// else is one fault naming the plugin and the instrument, and the event is dropped.
  func applyMarket(_ sink: some VenueSink) {
    let id = message.instrumentID
    guard Int(id) < instruments.count, trades[Int(id)] else {
      venueWideFault(
        .malformedEvent, "market data for instrument id \(id), which this venue does not trade",
        sink: sink)
      return
    }
    let instrument = instruments[Int(id)]
    let time = message.timestamp
    let (a, b, c, d, e) = message.values
    let event: MarketEvent
    do throws(MarketDataFault) {
      switch Int(message.type) {
      case TH_VENUE_BAR:
        let open = try price(a, "bar open", instrument)
        let high = try price(b, "bar high", instrument)
        let low = try price(c, "bar low", instrument)
        let close = try price(d, "bar close", instrument)
        guard low.raw <= min(open.raw, close.raw), high.raw >= max(open.raw, close.raw) else {
          throw MarketDataFault(
            .malformedEvent, "bar high \(high) and low \(low) do not span its open \(open) and close \(close)")
        }
        let bar = Bar(
          instrument: id, timestamp: time, open: open, high: high, low: low, close: close,
          volume: try size(e, "bar volume", instrument))
        event = .bar(bar)
      case TH_VENUE_QUOTE:
        event = .quote(
          Quote(
            instrument: id, timestamp: time, bid: try price(a, "quote bid", instrument),
            ask: try price(b, "quote ask", instrument),
            bidSize: try size(c, "quote bid size", instrument),
            askSize: try size(d, "quote ask size", instrument)))
      default:
        let aggressor: Trade.Aggressor =
          switch Int(message.side) {
          case TH_SIDE_BUY: .buyer
          case TH_SIDE_SELL: .seller
          default: .unknown
          }
        event = .trade(
          Trade(
            instrument: id, timestamp: time, price: try price(a, "trade price", instrument),
            size: try size(b, "trade size", instrument), aggressor: aggressor))
      }
    } catch {
      fault(error.kind, instrument: id, "\(instrument.symbol): \(error.detail)", sink: sink)
      return
    }
    guard streamedCount < streamed.count else {
      fault(
        .queueOverflow, instrument: id,
        "\(instrument.symbol): streamed market data refused: \(streamed.count) events wait already",
        sink: sink)
      return
    }
    streamed[(streamedHead + streamedCount) % streamed.count] = event
    streamedCount += 1
  }

  private func price(_ value: Double, _ what: String, _ instrument: Instrument)
    throws(MarketDataFault) -> Price
  {
    switch instrument.price(fromDouble: value) {
    case .success(let price): return price
    case .failure(let error):
      switch error {
      case .offTick, .tooPrecise: throw MarketDataFault(.offTickPrice, "\(what) \(error)")
      default: throw MarketDataFault(.malformedEvent, "\(what) \(error)")
      }
    }
  }

  private func size(_ value: Double, _ what: String, _ instrument: Instrument)
    throws(MarketDataFault) -> Quantity
  {
    switch FixedPoint.fromDouble(value, precision: instrument.sizePrecision) {
    case .success(let raw) where raw >= 0:
      return Quantity(raw: raw, precision: instrument.sizePrecision)
    case .success:
      throw MarketDataFault(.malformedEvent, "\(what) \(value) is negative")
    case .failure(let error):
      throw MarketDataFault(.malformedEvent, "\(what) \(error)")
    }
  }
}

/// Why a streamed market event was refused.
struct MarketDataFault: Error {
  let kind: VenueFault.Kind
  let detail: String
  init(_ kind: VenueFault.Kind, _ detail: String) {
    self.kind = kind
    self.detail = detail
  }
}
