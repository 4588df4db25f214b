/// Whether one instrument's market is open, for a risk check on the kernel thread.
///
/// The wrapper keeps one tracker per instrument (from `TradingCalendar.tracker(for:)`) and asks it
/// with each order's time. The tracker caches the open intervals of the local day that contains
/// the last query, as UTC nanoseconds; a query inside that day scans those few intervals and
/// neither allocates nor calls Foundation. When a query falls outside the cached day (the day
/// changed, or time went backwards), the day containing it is computed, which calls Foundation and
/// may allocate. Keep the tracker in place (a stored property or an array element mutated in
/// place): a copy shares the cached storage and would copy it on its next day change.
///
/// Open means `start <= now < end` for one of the day's intervals: the open instant is open and
/// the close instant is closed. Not thread-safe: one owner (the kernel thread) mutates it.
public struct SessionTracker: Sendable {
  /// The calendar this instrument trades on.
  public let schedule: SessionSchedule

  /// The cached local day `[dayStart, dayEnd)` in UTC ns; empty until the first query.
  private var dayStart: Int64 = 1
  private var dayEnd: Int64 = 0
  /// The cached day's open intervals: `start, end, start, end, ...` in UTC ns, increasing.
  private var bounds: [Int64]
  /// The last `nextChange` answer, valid for queries in `[changeFrom, changeUntil)`.
  private var changeFrom: Int64 = 1
  private var changeUntil: Int64 = 0
  private var change: Int64?

  init(schedule: SessionSchedule) {
    self.schedule = schedule
    bounds = []
    bounds.reserveCapacity(2 * schedule.maximumIntervalsPerDay)
  }

  /// True if the market is open at `now` (UTC ns). Kernel thread; does not block; no allocation
  /// while `now` stays in the cached local day.
  public mutating func isOpen(at now: Int64) -> Bool {
    if now < dayStart || now >= dayEnd { load(dayContaining: now) }
    var index = 0
    while index < bounds.count {
      if now < bounds[index] { return false }
      if now < bounds[index + 1] { return true }
      index += 2
    }
    return false
  }

  /// The first instant after `now` (UTC ns) at which the market opens or closes; nil if it does
  /// not change within about 400 local days (a calendar that is always open or always closed).
  ///
  /// The answer is cached until it passes, so repeated queries before the change are one
  /// comparison; computing a new answer looks at as many days as it must (Foundation, may
  /// allocate). Kernel thread; does not block.
  public mutating func nextChange(after now: Int64) -> Int64? {
    if now >= changeFrom, now < changeUntil { return change }
    let open = isOpen(at: now)
    change = schedule.firstChange(after: now, isOpen: open)
    changeFrom = now
    // A nil answer is reused for the rest of the day, so the horizon moves once a day.
    changeUntil = change ?? dayEnd
    return change
  }

  /// Fills the cache with the local day containing `now`.
  private mutating func load(dayContaining now: Int64) {
    let day = schedule.day(containing: now)
    dayStart = day.start
    dayEnd = day.end
    bounds.removeAll(keepingCapacity: true)
    schedule.appendSessions(onDay: day.index, to: &bounds)
  }
}
