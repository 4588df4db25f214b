import CTradeHostPlugin
import Execution
import PluginHost
import TradingModel

extension Kernel {
  /// [kernel-thread] Processes one market event end to end: the clock moves to the event's time,
  /// the venue matches resting orders against it (orders placed earlier meet prices that came
  /// after them: no look-ahead), the portfolio marks, then each subscribed slot's strategy sees
  /// the event; order events are delivered after each callback, and the equity is recorded.
  @inline(__always)
  public func process(_ event: MarketEvent) {
    historicalClock?.advance(to: event.timestamp)
    counters.events += 1
    venue.match(event, delegate: self)
    let instrument = Int(event.instrument)
    let mark: Price
    switch event {
    case .bar(let bar):
      counters.bars += 1
      mark = bar.close
    case .quote(let quote):
      counters.quotes += 1
      mark = quote.mid
    case .trade(let trade):
      counters.trades += 1
      mark = trade.price
    }
    lastPrices[instrument] = mark.raw
    portfolio.mark(event.instrument, price: mark)
    deliverPendingEvents()
    switch event {
    case .bar(let bar): dispatch(bar)
    case .quote(let quote): dispatch(quote)
    case .trade(let trade): dispatch(trade)
    }
    equityTracker.refresh(
      event.instrument, portfolio: &portfolio,
      instruments: configuration.instruments)
    recorder.record(
      timestamp: event.timestamp, equity: equityTracker.equity(cash: portfolio.cash),
      inMarket: equityTracker.openPositions > 0)
  }

  private func dispatch(_ bar: Bar) {
    var payload = th_bar()
    payload.struct_size = UInt32(MemoryLayout<th_bar>.size)
    payload.instrument_id = bar.instrument
    payload.ts_event = bar.timestamp
    payload.open = bar.open.doubleValue
    payload.high = bar.high.doubleValue
    payload.low = bar.low.doubleValue
    payload.close = bar.close.doubleValue
    payload.volume = bar.volume.doubleValue
    forEachSubscriber(of: bar.instrument) { strategy throws(PluginCallError) in
      try strategy.onBar(payload)
    }
  }

  private func dispatch(_ quote: Quote) {
    var payload = th_quote()
    payload.struct_size = UInt32(MemoryLayout<th_quote>.size)
    payload.instrument_id = quote.instrument
    payload.ts_event = quote.timestamp
    payload.bid = quote.bid.doubleValue
    payload.ask = quote.ask.doubleValue
    payload.bid_size = quote.bidSize.doubleValue
    payload.ask_size = quote.askSize.doubleValue
    forEachSubscriber(of: quote.instrument) { strategy throws(PluginCallError) in
      try strategy.onQuote(payload)
    }
  }

  private func dispatch(_ trade: Trade) {
    var payload = th_trade()
    payload.struct_size = UInt32(MemoryLayout<th_trade>.size)
    payload.instrument_id = trade.instrument
    payload.ts_event = trade.timestamp
    payload.price = trade.price.doubleValue
    payload.size = trade.size.doubleValue
    switch trade.aggressor {
    case .unknown: payload.aggressor = th_side(TH_SIDE_NONE)
    case .buyer: payload.aggressor = th_side(TH_SIDE_BUY)
    case .seller: payload.aggressor = th_side(TH_SIDE_SELL)
    }
    forEachSubscriber(of: trade.instrument) { strategy throws(PluginCallError) in
      try strategy.onTrade(payload)
    }
  }

  /// Calls each slot subscribed to `instrument`, in slot order; a failing call is counted and
  /// logged, and the order events it caused are delivered before the next slot runs.
  @inline(__always)
  private func forEachSubscriber(
    of instrument: InstrumentID, _ call: (StrategyInstance) throws(PluginCallError) -> Void
  ) {
    for index in subscribers[Int(instrument)] {
      do throws(PluginCallError) {
        try call(slots[index].strategy)
      } catch {
        pluginFailed(slot: index, error)
      }
      deliverPendingEvents()
    }
  }

  /// Delivers queued order events, including those caused by the deliveries themselves.
  @inline(__always)
  func deliverPendingEvents() {
    while let pending = pending.pop() {
      do throws(PluginCallError) {
        try slots[pending.slot].strategy.deliver(pending.event)
      } catch {
        pluginFailed(slot: pending.slot, error)
      }
    }
  }

  /// A strategy callback returned an error: counted, logged, and the run goes on (the risk
  /// wrapper's breakers act on the count).
  func pluginFailed(slot index: Int, _ error: PluginCallError) {
    counters.pluginErrors += 1
    slots[index].pluginErrors += 1
    slots[index].lastError = error.description
    logSink(Int32(TH_LOG_ERROR), "slot \(slots[index].name)", error.description)
  }
}
