import TradingModel

/// The exits of one strategy slot on one instrument: a small state machine that watches the
/// position and the market and returns `ExitAction`s. It sends no orders; the risk wrapper sends
/// the exit order and reports the resulting fills through `positionChanged`.
///
/// Position events (`positionChanged`, with the signed position after each fill):
///
/// | before | after | what happens |
/// |---|---|---|
/// | flat | open | a trade starts: entry price (the fill price), time, quantity; stop and R when an ATR is known |
/// | open | flat | the trade ends; any pending exit is over |
/// | long | short (or back) | the old trade ends and a new one starts at the fill price |
/// | open | smaller, same side | the plan stays; a pending exit completes once the position is down to what it leaves |
/// | open | larger, same side | the plan stays; the ladder's entry quantity grows by the increase |
///
/// A fill that brings an ATR places the stop if the entry had none.
///
/// Market events (`evaluate`, a bar's high, low and close, or one price three times): at most one
/// action, checked in this order, and only when no exit is pending:
/// 1. stop: the tighter of the initial stop and the trailing stop, crossed by the low (long) or
///    the high (short) -> close everything (`stopLoss` or `trailingStop`);
/// 2. time: open for `maxHoldingNanos` or longer -> close everything (`timeExit`);
/// 3. take-profit: every next rung whose target the high (long) or low (short) reached -> close
///    their planned quantities together, `takeProfit(rung:)` naming the farthest; the last rung
///    closes whatever is left, and no rung closes more than is left.
///
/// Stops before targets: within one bar the order of high and low is unknown, so the tracker
/// assumes the worse. After the checks, the event updates the levels (the best price since entry
/// and the trailing stop, or the initial stop if the entry had no ATR), which therefore apply
/// from the next event: a bar's high never raises a stop that the same bar's low is tested
/// against.
///
/// Levels are exact prices, a whole number of ticks from the entry: a stop's distance is rounded
/// down to ticks (toward the entry, so the risk never exceeds `k * ATR`), a target's up (at
/// least its R multiple), at least one tick each. R is the initial stop's distance. After the
/// first rung has closed and `moveStopToBreakEven` is on, the stop moves to the entry price.
///
/// While an exit is in flight (`isExitPending`) the tracker emits nothing, so the same rung or
/// stop is never asked for twice; the exit is over when fills bring the position down to what
/// it leaves (or flat, or flipped), or when the wrapper calls `exitFailed()` (rejected,
/// cancelled, expired). Exits are meant to be sent as market orders.
///
/// Called by the risk wrapper on the kernel thread: synchronous, never blocks, no allocation
/// after `make`. Precondition: prices at the instrument's price precision and quantities at its
/// size precision (the kernel's invariant).
public struct ExitTracker: Hashable, Sendable {
  /// An exit the wrapper is carrying out.
  struct PendingExit: Hashable, Sendable {
    /// The action's reason.
    var reason: ExitReason
    /// The position's magnitude (raw) when the action was returned, plus later increases.
    var startMagnitude: Int64
    /// The magnitude (raw) the position has once the exit has filled completely.
    var expectedRemaining: Int64
    /// The take-profit rungs the exit closes, or `nil`.
    var rungs: ClosedRange<Int>?
  }

  /// The rules, validated.
  public let rules: ExitRules
  /// The instrument's price precision.
  public let pricePrecision: UInt8
  /// The instrument's size precision.
  public let sizePrecision: UInt8
  /// The tick, raw at `pricePrecision`.
  let tick: Int64
  /// The tick in price units.
  let tickValue: Double
  /// The lot, raw at `sizePrecision`.
  let lot: Int64
  /// The largest distance in ticks a level may be from its reference (keeps raw sums in range).
  let maximumTicks: Int64

  /// The position (signed: negative is short), as last reported.
  public internal(set) var position: Quantity
  /// The trade's entry price; `nil` when flat.
  public internal(set) var entryPrice: Price?
  /// When the trade started (ns since the epoch); meaningless when flat.
  public internal(set) var entryTime: Int64 = 0
  /// The quantity the take-profit ladder divides (the entry quantity plus later increases).
  public internal(set) var entryQuantity: Quantity
  /// The stop (initial, or moved to break-even); `nil` without a stop rule or an ATR yet.
  public internal(set) var stopLossPrice: Price?
  /// The trailing stop; `nil` without a trailing rule or before its first level.
  public internal(set) var trailingStopPrice: Price?
  /// R in ticks; 0 while unknown.
  var riskTicks: Int64 = 0
  /// The best price since entry (raw): highest high of a long, lowest low of a short.
  var best: Int64 = 0
  /// How many rungs (from the first) have closed.
  public internal(set) var closedRungs = 0
  /// The exit in flight.
  var pending: PendingExit?

  private init(rules: ExitRules, instrument: Instrument) {
    self.rules = rules
    self.pricePrecision = instrument.pricePrecision
    self.sizePrecision = instrument.sizePrecision
    self.tick = instrument.tickSize.raw
    self.tickValue = instrument.tickSize.doubleValue
    self.lot = instrument.lotSize.raw
    self.maximumTicks = (Int64(1) << 62) / instrument.tickSize.raw
    self.position = .zero(precision: instrument.sizePrecision)
    self.entryQuantity = .zero(precision: instrument.sizePrecision)
  }

  /// A flat tracker for `instrument`, or every problem with `rules`. Configuration time.
  public static func make(rules: ExitRules, instrument: Instrument) -> Result<
    ExitTracker, RiskConfigurationError
  > {
    let problems = rules.problems
    guard problems.isEmpty else { return .failure(RiskConfigurationError(problems: problems)) }
    return .success(ExitTracker(rules: rules, instrument: instrument))
  }

  /// Whether an exit action was returned and has neither completed nor failed.
  public var isExitPending: Bool { pending != nil }

  /// R, the initial stop's distance from the entry; `nil` until known.
  public var initialRisk: Price? {
    riskTicks > 0 ? Price(raw: riskTicks * tick, precision: pricePrecision) : nil
  }

  /// Rung `rung`'s target; `nil` without a ladder, for a rung it does not have, or before R.
  public func takeProfitPrice(rung: Int) -> Price? {
    guard let ladder = rules.takeProfit, ladder.rungs.indices.contains(rung), riskTicks > 0,
      entryPrice != nil
    else { return nil }
    return Price(raw: targetRaw(rung: rung), precision: pricePrecision)
  }

  /// Rung `rung`'s planned share of `entryQuantity`; `nil` without a ladder or such a rung.
  public func plannedQuantity(rung: Int) -> Quantity? {
    guard let ladder = rules.takeProfit, ladder.rungs.indices.contains(rung) else { return nil }
    return Quantity(raw: plannedRaw(rung: rung), precision: sizePrecision)
  }

  /// Reports the position after a fill (signed, the slot's on this instrument), the fill's
  /// price, the current ATR if known, and the time. Hot path: no allocation.
  public mutating func positionChanged(
    quantity: Quantity, price: Price, atr: Double?, at now: Int64
  ) {
    precondition(quantity.precision == sizePrecision, "quantity at another size precision")
    precondition(price.precision == pricePrecision, "price at another price precision")
    let before = position.raw
    let after = quantity.raw
    if after == 0 {
      endTrade()
    } else if before == 0 || (before > 0) != (after > 0) {
      startTrade(quantity: quantity, price: price, atr: atr, at: now)
    } else {
      position = quantity
      placeStop(atr: atr)
      let oldMagnitude = before.magnitude
      let newMagnitude = after.magnitude
      if newMagnitude > oldMagnitude {
        let increase = Int64(newMagnitude - oldMagnitude)
        entryQuantity.raw += increase
        pending?.startMagnitude += increase
        pending?.expectedRemaining += increase
      } else if newMagnitude < oldMagnitude, let exit = pending,
        newMagnitude <= exit.expectedRemaining.magnitude
      {
        pending = nil
        closeRungs(of: exit)
      }
    }
  }

  /// The wrapper could not carry out the last action (rejected, cancelled or expired, possibly
  /// after a partial fill): the tracker may act again on the next event. Take-profit rungs that
  /// filled in part count as closed; the rest of their share is left to the later rungs.
  public mutating func exitFailed() {
    guard let exit = pending else { return }
    pending = nil
    if Int64(position.raw.magnitude) < exit.startMagnitude { closeRungs(of: exit) }
  }

  /// Starts a trade at `price` with `quantity` (flat before, or a flip).
  private mutating func startTrade(quantity: Quantity, price: Price, atr: Double?, at now: Int64) {
    position = quantity
    entryPrice = price
    entryTime = now
    entryQuantity = quantity.magnitude
    stopLossPrice = nil
    trailingStopPrice = nil
    riskTicks = 0
    best = price.raw
    closedRungs = 0
    pending = nil
    placeStop(atr: atr)
    updateTrailingStop(atr: atr)
  }

  /// Forgets the trade.
  private mutating func endTrade() {
    position = .zero(precision: sizePrecision)
    entryPrice = nil
    entryTime = 0
    entryQuantity = .zero(precision: sizePrecision)
    stopLossPrice = nil
    trailingStopPrice = nil
    riskTicks = 0
    best = 0
    closedRungs = 0
    pending = nil
  }

  /// Marks the rungs a finished exit covered as closed, and moves the stop to break-even when
  /// the first rung is among them and the ladder asks for it.
  mutating func closeRungs(of exit: PendingExit) {
    guard let rungs = exit.rungs else { return }
    closeRungs(through: rungs.upperBound)
  }

  /// Marks rungs up to `last` as closed (and applies break-even after the first).
  mutating func closeRungs(through last: Int) {
    let firstClosedNow = closedRungs == 0
    closedRungs = max(closedRungs, last + 1)
    guard firstClosedNow, rules.takeProfit?.moveStopToBreakEven == true, let entry = entryPrice,
      let stop = stopLossPrice
    else { return }
    stopLossPrice = Price(raw: tighterStop(stop.raw, entry.raw), precision: pricePrecision)
  }
}
