import RiskHealth
import TradingModel

/// What the risk wrapper keeps per strategy slot. Kernel-thread only.
struct SlotRiskState {
  var name: String
  var limits: SlotLimits
  var latched = LatchedState()
  /// Orders approved and their notional (raw account currency) in the current trading day.
  var ordersToday = 0
  var notionalToday: Int64 = 0
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
  /// Equity peak and the day's starting equity (raw), for the slot's loss limits.
  var peakEquity: Int64 = 0
  var dayStartEquity: Int64 = 0
  /// Losing round trips in a row.
  var lossStreak = 0
  /// Resting orders must be cancelled (set by `check`/`didFill`, done by
  /// `performPendingActions`).
  var cancelPending = false
}
