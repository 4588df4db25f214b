import CTradeHostPlugin
import Testing

@testable import PluginKit

/// PluginKit's reading of the host's `on_market_event` argument (ABI 1.2).
struct VenueMarketEventTests {
  @Test("a bar, a quote and a trade are read with their instrument and time")
  func readsEachKind() throws {
    var bar = Bar(
      instrumentID: 3, timestamp: 1_000, open: 1, high: 2, low: 0.5, close: 1.5, volume: 10)
    let readBar = try withUnsafePointer(to: &bar) { pointer in
      try event(type: TH_VENUE_BAR) { $0.bar = pointer }
    }
    guard case .bar(let got) = readBar else {
      Issue.record("expected a bar, got \(readBar)")
      return
    }
    #expect(got.close == 1.5)
    #expect(readBar.instrumentID == 3 && readBar.timestamp == 1_000)

    var quote = Quote()
    quote.struct_size = UInt32(MemoryLayout<Quote>.size)
    quote.instrument_id = 1
    quote.ts_event = 7
    quote.bid = 9.5
    let readQuote = try withUnsafePointer(to: &quote) { pointer in
      try event(type: TH_VENUE_QUOTE) { $0.quote = pointer }
    }
    #expect(readQuote.timestamp == 7 && readQuote.instrumentID == 1)

    var trade = Trade()
    trade.struct_size = UInt32(MemoryLayout<Trade>.size)
    trade.price = 4
    let readTrade = try withUnsafePointer(to: &trade) { pointer in
      try event(type: TH_VENUE_TRADE) { $0.trade = pointer }
    }
    guard case .trade(let print) = readTrade else {
      Issue.record("expected a trade, got \(readTrade)")
      return
    }
    #expect(print.price == 4)
  }

  @Test("an order event, a NULL payload and a short bar are refused with a message")
  func refusesWhatIsNotMarketData() {
    #expect(throws: PluginError.self) { try VenueMarketEvent(nil) }
    #expect(throws: PluginError.self) {
      try event(type: TH_VENUE_ORDER) { _ in }
    }
    #expect(throws: PluginError.self) {
      try event(type: TH_VENUE_BAR) { _ in }
    }
    var short = Bar(
      instrumentID: 0, timestamp: 0, open: 1, high: 1, low: 1, close: 1, volume: 0)
    short.struct_size = 8
    #expect(throws: PluginError.self) {
      try withUnsafePointer(to: &short) { pointer in
        try event(type: TH_VENUE_BAR) { $0.bar = pointer }
      }
    }
  }

  /// Reads a host-built event of `type` (the pointers `fill` sets must outlive the call).
  private func event(
    type: Int, _ fill: (inout th_venue_event) -> Void
  ) throws -> VenueMarketEvent {
    var value = th_venue_event()
    value.struct_size = UInt32(MemoryLayout<th_venue_event>.size)
    value.type = th_venue_event_type(type)
    fill(&value)
    return try withUnsafePointer(to: &value) { try VenueMarketEvent($0) }
  }
}
