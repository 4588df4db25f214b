import TradingModel

/// The market of a paper session: rounds of market events, each at a time on the market's own
/// clock (a generated market's bar closes, a replayed file's timestamps).
///
/// Implementation requirements: called on the kernel thread only (the session's `run`), one
/// round at a time: `nextTime()` then `emit(closingAt:_:)` for that round. `nextTime()` must
/// never go back in time; `nil` ends the session (a replayed file is exhausted).
public protocol PaperFeed {
  /// The market time the session starts at: the first round is due `nextTime() - start` of
  /// market time (scaled by the session's speed) after the session starts.
  var start: Int64 { get }
  /// The time of the next round on the market's clock (ns since the epoch), or `nil` when the
  /// feed has no more.
  mutating func nextTime() -> Int64?
  /// Hands the events of the round whose time `nextTime()` just gave to `body`, in order.
  /// `closing` is the time the round's bars close at on the session's clock: the same time,
  /// or the wall clock's now in a real-time session.
  mutating func emit(closingAt closing: Int64, _ body: (MarketEvent) -> Void)
}

/// Generated markets as a paper feed: one bar per market every `barNanoseconds` of market time
/// from `start` (the first closes at `start + barNanoseconds`).
public struct SyntheticFeed: PaperFeed {
  private var markets: [SyntheticMarket]
  private let barNanoseconds: Int64
  private var time: Int64
  public let start: Int64

  public init(markets: [SyntheticMarket], start: Int64, barNanoseconds: Int64) {
    self.markets = markets
    self.barNanoseconds = barNanoseconds
    self.time = start
    self.start = start
  }

  public mutating func nextTime() -> Int64? {
    time += barNanoseconds
    return time
  }

  public mutating func emit(closingAt closing: Int64, _ body: (MarketEvent) -> Void) {
    for index in markets.indices { body(.bar(markets[index].nextBar(closingAt: closing))) }
  }
}
