/// Whether one instrument is in an event blackout, for a risk check on the kernel thread.
///
/// The wrapper keeps one tracker per instrument (from `EventCalendar.tracker(for:)`) and asks it
/// with each order's time. The tracker holds the instrument's precomputed, sorted segments and a
/// cursor into them: for increasing times a query is O(1) amortised (the cursor moves forward,
/// by binary search when it would skip many segments); when time goes backwards the cursor is
/// found again by binary search. No query allocates, calls Foundation or blocks. Not
/// thread-safe: one owner (the kernel thread) mutates it.
public struct BlackoutTracker: Sendable {
  private let segments: [BlackoutSegment]
  /// The first segment that ends after the last queried time.
  private var cursor = 0

  /// Past this many segments a forward move binary-searches instead of stepping.
  private static let linearSteps = 8

  init(segments: [BlackoutSegment]) {
    self.segments = segments
  }

  /// The blackout active at `now` (UTC ns), or nil. A window is active from its start
  /// (inclusive) to its end (exclusive). Kernel thread; no allocation.
  public mutating func blackout(at now: Int64) -> BlackoutWindow? {
    let count = segments.count
    if cursor < count, segments[cursor].end <= now {
      var steps = 0
      repeat {
        cursor += 1
        steps += 1
      } while cursor < count && segments[cursor].end <= now && steps < Self.linearSteps
      if cursor < count, segments[cursor].end <= now {
        cursor = firstEnding(after: now, from: cursor, to: count)
      }
    } else if cursor > 0, segments[cursor - 1].end > now {
      cursor = firstEnding(after: now, from: 0, to: cursor)
    }
    guard cursor < count, segments[cursor].start <= now else { return nil }
    return segments[cursor].window
  }

  /// The first index in `low..<high` whose segment ends after `now`, or `high`.
  private func firstEnding(after now: Int64, from low: Int, to high: Int) -> Int {
    var low = low
    var high = high
    while low < high {
      let middle = low + (high - low) / 2
      if segments[middle].end <= now { low = middle + 1 } else { high = middle }
    }
    return low
  }
}
