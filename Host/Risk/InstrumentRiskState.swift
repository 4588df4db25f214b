import MarketCalendars
import RiskSizing
import TradingModel

/// What the risk wrapper keeps per instrument. Kernel-thread only.
struct InstrumentRiskState {
  var instrument: Instrument
  var limits: InstrumentLimits
  var latched = LatchedState()
  /// Every slot's resting orders in the instrument must be cancelled (it halted).
  var cancelPending = false
  let valuation: InstrumentValuation
  /// Index into the wrapper's venues.
  let venue: Int
  /// The last price (raw; 0: none yet) and when it came, ns.
  var lastPrice: Int64 = 0
  var lastEventAt = Int64.min
  /// Stale data: `closed` (fresh), `open` (stale: reducing), `halfOpen` (data is back; this many
  /// fresh events so far).
  var stale = StaleState.closed
  var freshEvents = 0
  /// Σ over slots of |position| and Σ of signed positions, raw quantity.
  var absPositionSum: Int64 = 0
  var netPosition: Int64 = 0
  /// Volatility guard and ATR-based sizing and exits.
  var atr: AverageTrueRange
  /// 10^pricePrecision (raw price -> price).
  let priceScale: Double
  /// The instrument's tick, lot, minimum quantity and minimum notional, raw (read per order
  /// without copying the `Instrument`).
  let tick: Int64
  let lot: Int64
  let minQuantity: Int64
  let minNotional: Int64
  /// Trading hours and event blackouts (`nil`: none configured).
  var session: SessionTracker?
  var blackouts: BlackoutTracker?

  enum StaleState: UInt8 {
    case closed, open, halfOpen
  }
}
