import RiskHealth

/// What the risk wrapper keeps per venue: its order throttle and its health breakers.
/// Kernel-thread only.
struct VenueRiskState {
  let name: String
  var rate: RateLimiter?
  /// Rejections against acceptances.
  var errors: CircuitBreaker
  /// Acknowledgement latency against the configured bound.
  var latency: CircuitBreaker
  /// Whether each breaker is open (kept from its transitions: reading the breakers'
  /// state moves their clocks).
  var errorsTripped = false
  var latencyTripped = false

  /// Whether an open breaker keeps the venue to reducing orders (half-open lets orders probe).
  var isRestricted: Bool { errorsTripped || latencyTripped }
}
