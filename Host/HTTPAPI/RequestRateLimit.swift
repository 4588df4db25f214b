import Synchronization

/// A token bucket over all requests to the API: `burst` requests at once, refilled at
/// `perSecond`. A request that finds the bucket empty is answered 429 with the seconds until the
/// next token. Time is injected (`now`, ns), so tests drive it without sleeping. Thread-safe.
public final class RequestRateLimit: Sendable {
  public let perSecond: Int
  public let burst: Int
  private let now: @Sendable () -> Int64
  /// Tokens in billionths, and when they were last counted.
  private let bucket: Mutex<(tokens: Int64, at: Int64)>

  private static let scale: Int64 = 1_000_000_000

  /// `perSecond` and `burst` are at least 1.
  public init(perSecond: Int, burst: Int, now: @escaping @Sendable () -> Int64) {
    self.perSecond = max(1, perSecond)
    self.burst = max(1, burst)
    self.now = now
    bucket = Mutex((Int64(max(1, burst)) * Self.scale, now()))
  }

  /// Takes one token: nil when allowed, else the whole seconds to wait (at least 1).
  public func take() -> Int? {
    let time = now()
    return bucket.withLock { state -> Int? in
      let elapsed = max(0, time - state.at)
      let capacity = Int64(burst) * Self.scale
      let (refill, overflow) = elapsed.multipliedReportingOverflow(by: Int64(perSecond))
      state.tokens = overflow ? capacity : min(capacity, state.tokens + refill)
      state.at = time
      if state.tokens >= Self.scale {
        state.tokens -= Self.scale
        return nil
      }
      let missing = Self.scale - state.tokens
      let wait = (missing + Int64(perSecond) * Self.scale - 1) / (Int64(perSecond) * Self.scale)
      return Int(max(1, wait))
    }
  }
}
