import TradingModel

/// A recorded market (a data file's events, merged by time) as a paper feed: one round per
/// timestamp, holding every event of that time. The session starts at the first event's time,
/// so the first round is due at once and each next one after the data's own gap (scaled by the
/// session's speed).
public struct ReplayFeed: PaperFeed {
  private let events: [MarketEvent]
  private var index = 0
  public let start: Int64

  /// A feed of `events` (in time order, as the data readers and the merger give them).
  public init(events: [MarketEvent]) {
    self.events = events
    self.start = events.first?.timestamp ?? 0
  }

  /// Rounds not replayed yet (the events left).
  public var remaining: Int { events.count - index }

  public mutating func nextTime() -> Int64? {
    index < events.count ? events[index].timestamp : nil
  }

  public mutating func emit(closingAt closing: Int64, _ body: (MarketEvent) -> Void) {
    guard index < events.count else { return }
    let time = events[index].timestamp
    while index < events.count, events[index].timestamp == time {
      body(events[index])
      index += 1
    }
  }
}
