import TradingModel

extension Kernel {
  /// Whether `instrument`'s market data comes from its venue in this session (a live adapter in
  /// `tradehost run`, `Venue.streamsMarketData`): the session's own feed skips it.
  @inline(__always)
  public func isStreamedByVenue(_ instrument: InstrumentID) -> Bool {
    venues[venueOfInstrument[Int(instrument)]].streamsMarketData
  }

  /// [kernel-thread] Lets the venues hand over what arrived, then processes the market events
  /// the streaming venues queued, oldest first, exactly as the session's own feed's events
  /// (`process`: venue, marks, risk, strategies): at most `limit` of them, so a venue that
  /// streams faster than the kernel keeps up cannot starve the timer. Returns how many it
  /// processed. Allocation-free.
  @discardableResult
  public func processStreamedMarketData(limit: Int = 4096) -> Int {
    if !polledVenues.isEmpty { pollVenues() }
    var processed = 0
    for venue in venues.indices where venues[venue].streamsMarketData {
      while processed < limit {
        stampVenueCall(venue, .venueStream)
        let event = venues[venue].takeStreamedEvent()
        callStamps.endVenue()
        guard let event else { break }
        process(event)
        processed += 1
      }
    }
    if processed == 0 { deliverPendingEvents() }
    return processed
  }
}
