import RiskHealth
import TradingModel

/// What the risk wrapper keeps per strategy slot. Kernel-thread only.
struct SlotRiskState {
  var name: String
  /// Whether the slot counts in the account (a shadow slot does not: account-wide caps,
  /// instrument totals and account day counters leave it out).
  var onBook = true
  var limits: SlotLimits
  var latched = LatchedState()
  /// Orders approved and their notional (raw account currency) in the current trading day;
  /// the notional sums in 128 bits (no order count can overflow it).
  var ordersToday = 0
  var notionalToday: Int128 = 0
  /// The time of the slot's last fill (cooldown), ns.
  var lastFillAt = Int64.min
  /// Orders per second.
  var rate: RateLimiter?
  /// Knight Capital guard.
  var runaway: RunawayDetector
  /// The strategy's callback error rate, and whether it is open (kept from its
  /// transitions).
  var pluginBreaker: CircuitBreaker
  var pluginBreakerTripped = false
  /// Callbacks and errors seen by the breaker so far (the kernel's counters move on).
  var seenCallbacks = 0
  var seenErrors = 0
  /// Health samples (events with and without a failed callback) not yet given to the breaker,
  /// and when they are due: samples are handed over once per breaker bucket, at once when one
  /// is bad or the breaker is open.
  var pendingGood = 0
  var healthDueAt = Int64.min
  /// Equity peak and the day's starting equity (raw), for the slot's loss limits.
  var peakEquity: Int64 = 0
  var dayStartEquity: Int64 = 0
  /// Losing round trips in a row.
  var lossStreak = 0
  /// Resting orders must be cancelled (set by `check`/`didFill`, done by
  /// `performPendingActions`).
  var cancelPending = false
}
