/// Builds one `BarAggregation` series of one instrument from its market events: a value-type
/// state machine the kernel feeds every event of the instrument, which hands back each bar once
/// it has closed, never before.
///
/// What a bar is made of: a feed bar gives its open, high, low, close and volume; a trade its
/// price and size; a quote its mid and no volume. Open is the first, high and low the extremes,
/// close the last, volume the sum.
///
/// When a bar closes:
/// - a time bar covering `(end - length, end]` (aligned to the Unix epoch) closes when a feed bar
///   stamped exactly `end` arrives (its last part: bars are stamped with their close time), or,
///   otherwise, when the first event after `end` arrives (`closeBefore`), so a trade at `end`
///   still belongs to it; a period with no event makes no bar, and the last period of the data
///   is delivered only if its end was reached;
/// - a tick bar with its `count`-th event; a volume (dollar) bar with the event that brings its
///   volume (price × volume) to the threshold or beyond; the whole event goes into the bar.
/// A bar's timestamp is its close time: `end` for a time bar, the last event's time otherwise.
/// A bar whose volume would no longer fit 64-bit raw units is closed before the event that
/// would overflow it (that event starts the next bar).
///
/// Allocation-free. Not thread-safe (the kernel thread owns it).
public struct BarResampler: Sendable {
  public let instrument: InstrumentID
  public let aggregation: BarAggregation
  private let length: Int64
  private let countLimit: Int64
  /// Volume threshold in raw units of the instrument's size precision.
  private let volumeLimit: Int128
  /// Notional threshold in raw units of 10^-(price precision + size precision).
  private let notionalLimit: Int128
  private var bar: Bar
  private var isOpen = false
  private var end: Int64 = 0
  private var events: Int64 = 0
  private var notional: Int128 = 0

  /// A resampler for `instrument`, whose prices and sizes have these precisions.
  public init(
    instrument: InstrumentID, aggregation: BarAggregation, pricePrecision: UInt8,
    sizePrecision: UInt8
  ) {
    self.instrument = instrument
    self.aggregation = aggregation
    let price = Price(raw: 0, precision: pricePrecision)
    bar = Bar(
      instrument: instrument, timestamp: 0, open: price, high: price, low: price, close: price,
      volume: Quantity(raw: 0, precision: sizePrecision))
    switch aggregation {
    case .time(let nanoseconds):
      (length, countLimit, volumeLimit, notionalLimit) = (nanoseconds, 0, 0, 0)
    case .ticks(let count):
      (length, countLimit, volumeLimit, notionalLimit) = (0, count, 0, 0)
    case .volume(let amount):
      let raw = Int128((amount * Double(FixedPoint.scale(sizePrecision))).rounded(.up))
      (length, countLimit, volumeLimit, notionalLimit) = (0, 0, max(raw, 1), 0)
    case .dollars(let amount):
      let scale = Double(FixedPoint.scale(pricePrecision)) * Double(FixedPoint.scale(sizePrecision))
      let raw = Int128((amount * scale).rounded(.up))
      (length, countLimit, volumeLimit, notionalLimit) = (0, 0, 0, max(raw, 1))
    }
  }

  /// The end of the time bar an event at `time` belongs to: the first multiple of the length at
  /// or after it.
  @inline(__always)
  private func bucketEnd(_ time: Int64) -> Int64 {
    let quotient = time / length
    let floor = time % length < 0 ? quotient - 1 : quotient
    let start = floor * length
    return start == time ? time : start + length
  }

  /// [kernel-thread] Before an event at `time`: the open time bar if it ended before `time`
  /// (its period is over), else nil. Other series never close here.
  @inline(__always)
  public mutating func closeBefore(_ time: Int64) -> Bar? {
    guard length > 0, isOpen, end < time else { return nil }
    return take()
  }

  /// [kernel-thread] Adds an event (after `closeBefore` for its time). Returns the bar the event
  /// closed, if any, and, when the event could not join the open bar without overflowing its
  /// volume, the bar closed before it (`early`).
  @inline(__always)
  public mutating func add(_ event: MarketEvent) -> (early: Bar?, closed: Bar?) {
    let time = event.timestamp
    let open: Price, high: Price, low: Price, close: Price
    var volume: Int64 = 0
    switch event {
    case .bar(let source):
      (open, high, low, close, volume) =
        (source.open, source.high, source.low, source.close, source.volume.raw)
    case .trade(let trade):
      (open, high, low, close, volume) = (trade.price, trade.price, trade.price, trade.price, trade.size.raw)
    case .quote(let quote):
      let mid = quote.mid
      (open, high, low, close) = (mid, mid, mid, mid)
    }
    var early: Bar?
    if isOpen, bar.volume.raw.addingReportingOverflow(volume).overflow {
      early = take()
    }
    if !isOpen {
      isOpen = true
      bar.open = open
      bar.high = high
      bar.low = low
      bar.volume.raw = 0
      events = 0
      notional = 0
      if length > 0 { end = bucketEnd(time) }
    } else {
      if high > bar.high { bar.high = high }
      if low < bar.low { bar.low = low }
    }
    bar.close = close
    bar.volume.raw += volume
    bar.timestamp = length > 0 ? end : time
    events += 1
    let closes: Bool
    switch aggregation {
    case .time:
      if case .bar = event { closes = time == end } else { closes = false }
    case .ticks: closes = events >= countLimit
    case .volume: closes = Int128(bar.volume.raw) >= volumeLimit
    case .dollars:
      notional += Int128(close.raw) * Int128(volume)
      closes = notional >= notionalLimit
    }
    return (early, closes ? take() : nil)
  }

  /// The open bar, now closed.
  @inline(__always)
  private mutating func take() -> Bar {
    isOpen = false
    return bar
  }
}
