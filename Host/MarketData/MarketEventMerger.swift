import TradingModel

/// Convenience around `MarketEventCursor` for callers that want the whole merged stream at once
/// (reports, tests). Pure; allocates the result array. The kernel's loop uses the cursor.
public enum MarketEventMerger {
  /// A cursor over `series` (see `MarketEventCursor` for the ordering).
  public static func cursor(_ series: [MarketSeries]) -> MarketEventCursor {
    MarketEventCursor(series)
  }

  /// Every event of `series`, merged in time order, ties in series order.
  public static func merged(_ series: [MarketSeries]) -> [MarketEvent] {
    var cursor = MarketEventCursor(series)
    var events: [MarketEvent] = []
    events.reserveCapacity(cursor.remaining)
    while let event = cursor.next() { events.append(event) }
    return events
  }
}
