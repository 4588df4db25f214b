/// At most `maxEvents` events in any sliding window of `windowNanos`: an exact limit kept as a
/// ring of the last `maxEvents` event times, so there is no fixed-bucket boundary that would let
/// two full bursts through back to back.
///
/// Semantics: an event recorded at `t` is in the window at `now` while `now - t < windowNanos`.
/// An event is allowed at `now` when fewer than `maxEvents` recorded events are in the window,
/// that is, when the ring is not full or its oldest event has left the window.
///
/// Time: `now` is ns since the Unix epoch, passed in by the caller. A `now` earlier than the
/// latest one seen counts as that latest one, so the ring stays in time order. Long gaps need no
/// special handling (every stored event is simply out of the window).
///
/// Contract: a value type for one owner on one thread (the kernel thread; not shared). The ring is
/// allocated in `init`; `allow`, `wouldAllow` and `record` are O(1), `count` is O(log maxEvents),
/// `reset` is O(1); none allocates or blocks.
public struct RateLimiter: Sendable {
  /// The largest `maxEvents` accepted (8 MiB of ring).
  public static let maximumEvents = 1 << 20

  /// Events allowed per window.
  public let maxEvents: Int
  /// The window's length, ns.
  public let windowNanos: Int64
  /// Event times, oldest at `oldest`, in time order around the ring.
  private var times: [Int64]
  /// The ring index of the oldest stored event.
  private var oldest: Int
  /// How many events the ring holds (`<= maxEvents`).
  private var stored: Int
  /// The latest time seen (`Int64.min` before the first call).
  private var lastSeen: Int64

  /// A limiter of `maxEvents` (1 through `maximumEvents`) per `windowNanos` (at least 1). Throws
  /// every problem at once; nothing is clamped.
  public init(maxEvents: Int, windowNanos: Int64) throws(HealthConfigurationError) {
    let problems = Self.problems(
      maxEvents: maxEvents, windowNanos: windowNanos, eventsField: "maxEvents",
      windowField: "windowNanos")
    guard problems.isEmpty else { throw HealthConfigurationError(problems: problems) }
    self.maxEvents = maxEvents
    self.windowNanos = windowNanos
    self.times = Array(repeating: 0, count: maxEvents)
    self.oldest = 0
    self.stored = 0
    self.lastSeen = .min
  }

  /// Whether an event at `now` is within the limit; records it only if so. Allocation-free, O(1).
  public mutating func allow(at now: Int64) -> Bool {
    let time = observe(now)
    guard admits(time) else { return false }
    push(time)
    return true
  }

  /// Whether an event at `now` would be within the limit, without recording it. Mutating only to
  /// remember `now` as the latest time seen. Allocation-free, O(1).
  public mutating func wouldAllow(at now: Int64) -> Bool {
    admits(observe(now))
  }

  /// Records an event at `now` whether or not it is within the limit (an event that happened
  /// anyway). Allocation-free, O(1).
  public mutating func record(at now: Int64) {
    push(observe(now))
  }

  /// The recorded events still in the window at `now`; at most `maxEvents`, since the ring
  /// remembers no more. Allocation-free, O(log maxEvents).
  public mutating func count(at now: Int64) -> Int {
    let time = observe(now)
    // The ring is in time order: find the first stored event still in the window.
    var low = 0
    var high = stored
    while low < high {
      let middle = (low + high) / 2
      if time.nanosSince(times[(oldest + middle) % maxEvents]) < windowNanos {
        high = middle
      } else {
        low = middle + 1
      }
    }
    return stored - low
  }

  /// Forgets every event and the latest time seen. Allocation-free, O(1).
  public mutating func reset() {
    oldest = 0
    stored = 0
    lastSeen = .min
  }

  private mutating func observe(_ now: Int64) -> Int64 {
    lastSeen = Swift.max(now, lastSeen)
    return lastSeen
  }

  private func admits(_ time: Int64) -> Bool {
    stored < maxEvents || time.nanosSince(times[oldest]) >= windowNanos
  }

  private mutating func push(_ time: Int64) {
    if stored < maxEvents {
      times[(oldest + stored) % maxEvents] = time
      stored += 1
    } else {
      times[oldest] = time
      oldest = (oldest + 1) % maxEvents
    }
  }

  /// The problems of `maxEvents` per `windowNanos`, named by the caller's field names (shared
  /// with `RunawayLimits`).
  static func problems(
    maxEvents: Int, windowNanos: Int64, eventsField: String, windowField: String
  ) -> [HealthConfigurationError.Problem] {
    var problems: [HealthConfigurationError.Problem] = []
    if maxEvents < 1 {
      problems.append(.belowMinimum(field: eventsField, value: Int64(maxEvents), minimum: 1))
    } else if maxEvents > maximumEvents {
      problems.append(
        .aboveMaximum(field: eventsField, value: Int64(maxEvents), maximum: Int64(maximumEvents)))
    }
    if windowNanos < 1 {
      problems.append(.belowMinimum(field: windowField, value: windowNanos, minimum: 1))
    }
    return problems
  }

  /// The ring's capacity and address, to show in tests that steady-state calls never reallocate.
  var storageFootprint: StorageFootprint { StorageFootprint(times) }
}
