import Risk
import TradingModel

@testable import Kernel

/// A test-only `RiskGate` around a `RiskWrapper`: it forwards every call, and on each approval
/// recomputes from the kernel alone (the portfolio's positions, the last prices, the account's
/// equity) and its own count of earlier approvals that the approved order, as the wrapper let it
/// through (possibly shrunk), cannot take a position, exposure, order count or rate past the
/// configured limits. A limit already exceeded may only be moved back toward it.
///
/// For runs on one instrument (every value is compared in that instrument's raw units).
final class CheckingGate: RiskGate {
  let wrapper: RiskWrapper
  let risk: RiskConfiguration
  /// The guarded kernel (it owns this gate; set by `attach`).
  private weak var attached: Kernel?
  private var kernel: Kernel { attached! }

  private(set) var approvals = 0
  private(set) var shrunk = 0
  private(set) var denials = 0
  /// Broken limits, in words (empty when the wrapper held every limit).
  private(set) var violations: [String] = []
  /// Denials per reason code.
  private(set) var denialCodes: [Int32: Int] = [:]

  /// Approvals and approved notional (raw cents) per slot in the current UTC day.
  private var day = Int64.min
  private var approvalsToday: [Int] = []
  private var accountApprovalsToday = 0
  private var notionalToday: [Int64] = []
  /// Approval times per slot and for the venue, newest last (the throttles' windows).
  private var approvalTimes: [[Int64]] = []
  private var venueTimes: [Int64] = []

  init(configuration: RiskConfiguration) throws {
    wrapper = try RiskWrapper(configuration: configuration)
    risk = configuration
  }

  func attach(to kernel: Kernel) throws(KernelError) {
    attached = kernel
    precondition(kernel.configuration.instruments.count == 1, "one instrument only")
    approvalsToday = Array(repeating: 0, count: kernel.configuration.slots.count)
    notionalToday = Array(repeating: 0, count: kernel.configuration.slots.count)
    approvalTimes = Array(repeating: [], count: kernel.configuration.slots.count)
    try wrapper.attach(to: kernel)
  }

  func check(_ order: inout Order, context: RiskContext) -> DenialReason? {
    let proposed = order.quantity
    if let denial = wrapper.check(&order, context: context) {
      denials += 1
      denialCodes[denial.code, default: 0] += 1
      if denial.code <= 0 || denial.text.utf8CodeUnitCount == 0 {
        violations.append("denial without a code or text: \(denial)")
      }
      return denial
    }
    approvals += 1
    if order.quantity < proposed { shrunk += 1 }
    verify(order, proposed: proposed, context: context)
    return nil
  }

  func didFill(_ fill: Fill, change: PositionChange) { wrapper.didFill(fill, change: change) }
  func observe(_ event: MarketEvent) { wrapper.observe(event) }
  func idle(at now: Int64) { wrapper.idle(at: now) }
  func venueReport(instrument: InstrumentID, accepted: Bool, latencyNanos: Int64) {
    wrapper.venueReport(instrument: instrument, accepted: accepted, latencyNanos: latencyNanos)
  }
  var hasPendingActions: Bool { wrapper.hasPendingActions }
  func performPendingActions() { wrapper.performPendingActions() }
  func stateName(slot: SlotID?) -> String { wrapper.stateName(slot: slot) }

  // MARK: The independent checks

  private func fail(_ what: String, _ order: Order, _ context: RiskContext) {
    violations.append(
      "\(what): slot \(context.slot) \(order.side) \(order.quantity) \(order.type) at \(context.now)"
    )
  }

  /// |q| x price x multiplier in 10^-(price + size + multiplier decimals) of a currency unit.
  private func scaled(_ quantity: Int64, _ price: Int64, _ instrument: Instrument) -> Int128 {
    Int128(quantity.magnitude) * Int128(price) * Int128(instrument.multiplier.raw)
  }

  /// A raw currency amount in the same units as `scaled`.
  private func scaledMoney(_ raw: Int64, _ instrument: Instrument) -> Int128 {
    let decimals =
      Int(instrument.pricePrecision) + Int(instrument.sizePrecision)
      + Int(instrument.multiplier.precision) - Int(instrument.currency.precision)
    precondition(decimals >= 0)
    var value = Int128(raw)
    for _ in 0..<decimals { value *= 10 }
    return value
  }

  private func verify(_ order: Order, proposed: Quantity, context: RiskContext) {
    let slot = context.slot
    let instrument = kernel.configuration.instruments[Int(order.instrument)]
    let limits = risk.limits(instrument: instrument)
    let slotLimits = risk.limits(slot: kernel.slots[slot].name)
    let account = risk.account
    let id = order.instrument
    let direction: Int64 = order.side == .buy ? 1 : -1
    let before = kernel.positionQuantity(slot: slot, instrument: id).raw
    let after = before + direction * order.quantity.raw
    let opens =
      after.magnitude > before.magnitude || (before != 0 && after.signum() == -before.signum())
    guard let last = kernel.lastPrice(id)?.raw else {
      fail("approved without a price", order, context)
      return
    }
    let price = order.referencePrice?.raw ?? last

    // Per-order caps deny, they never shrink.
    if let cap = limits.maxOrderQuantity, proposed.raw > cap.raw {
      fail("order quantity over \(cap)", order, context)
    }
    let notional = scaled(order.quantity.raw, price, instrument)
    if let cap = limits.maxOrderNotional,
      scaled(proposed.raw, price, instrument) > scaledMoney(cap.raw, instrument)
    {
      fail("order notional over \(cap)", order, context)
    }

    // Position and exposure caps: after the order, at the order's price.
    var absBefore: Int64 = 0
    for other in kernel.slots.indices {
      absBefore += kernel.positionQuantity(slot: other, instrument: id).raw.absoluteValue
    }
    let absAfter = absBefore - before.absoluteValue + after.absoluteValue
    func bounded(_ name: String, after: Int128, before: Int128, cap: Int128) {
      if after > cap && after > before {
        fail("\(name): \(after) over \(cap) (was \(before))", order, context)
      }
    }
    if let cap = limits.maxPosition {
      bounded(
        "instrument position", after: Int128(absAfter), before: Int128(absBefore),
        cap: Int128(cap.raw))
    }
    if let cap = slotLimits.maxPositionNotional {
      bounded(
        "slot position value", after: scaled(after, price, instrument),
        before: scaled(before, price, instrument), cap: scaledMoney(cap.raw, instrument))
    }
    let grossAfter = scaled(absAfter, price, instrument)
    let grossBefore = scaled(absBefore, price, instrument)
    let equity = kernel.accountEquity.raw
    if let cap = account.maxGrossExposure {
      bounded(
        "account gross exposure", after: grossAfter, before: grossBefore,
        cap: scaledMoney(cap.raw, instrument))
    }
    for (name, fraction) in [
      ("account leverage", account.maxLeverage),
      ("symbol concentration", account.maxSymbolConcentration),
      ("venue concentration", account.maxVenueConcentration),
    ] {
      guard let fraction else { continue }
      let cap = scaledMoney(Int64((fraction * Double(equity)).rounded(.down)), instrument)
      bounded(name, after: grossAfter, before: grossBefore, cap: cap)
    }
    if let fraction = slotLimits.maxConcentration {
      let cap = scaledMoney(Int64((fraction * Double(equity)).rounded(.down)), instrument)
      bounded(
        "strategy concentration", after: scaled(after, price, instrument),
        before: scaled(before, price, instrument), cap: cap)
    }

    // The collar, against the last price.
    if let reference = order.referencePrice?.raw {
      let distance = (reference - last).magnitude
      if let ticks = limits.collarTicks, distance > UInt64(ticks) * UInt64(instrument.tickSize.raw)
      {
        fail("outside the \(ticks)-tick collar of \(last)", order, context)
      }
      if let fraction = limits.collarFraction, Double(distance) > fraction * Double(last) {
        fail("outside the \(fraction) collar of \(last)", order, context)
      }
    }

    // Orders and notional per UTC day: past the count only reductions; notional never past.
    let today = UTCDay.of(context.now)
    if today != day {
      day = today
      for index in approvalsToday.indices {
        approvalsToday[index] = 0
        notionalToday[index] = 0
      }
      accountApprovalsToday = 0
    }
    approvalsToday[slot] += 1
    accountApprovalsToday += 1
    if let cap = slotLimits.maxOrdersPerDay, approvalsToday[slot] > cap, opens {
      fail("entry past \(cap) orders today", order, context)
    }
    if let cap = account.maxOrdersPerDay, accountApprovalsToday > cap, opens {
      fail("entry past the account's \(cap) orders today", order, context)
    }
    let cents = Int64(notional / scaledMoney(1, instrument))
    notionalToday[slot] += cents
    if let cap = slotLimits.maxDailyNotional, notionalToday[slot] > cap.raw {
      fail("slot notional today \(notionalToday[slot]) over \(cap)", order, context)
    }

    // Throttles: approvals in the last second, this one included.
    approvalTimes[slot].append(context.now)
    venueTimes.append(context.now)
    if let cap = slotLimits.maxOrdersPerSecond {
      let recent = approvalTimes[slot].reversed().prefix { context.now - $0 < 1_000_000_000 }.count
      if recent > cap { fail("\(recent) slot orders within a second, cap \(cap)", order, context) }
    }
    if let cap = risk.venueMaxOrdersPerSecond {
      let recent = venueTimes.reversed().prefix { context.now - $0 < 1_000_000_000 }.count
      if recent > cap { fail("\(recent) venue orders within a second, cap \(cap)", order, context) }
    }
    if approvalTimes[slot].count > 4_096 { approvalTimes[slot].removeFirst(2_048) }
    if venueTimes.count > 4_096 { venueTimes.removeFirst(2_048) }
  }
}

extension Int64 {
  /// |self| (positions never reach Int64.min).
  var absoluteValue: Int64 { self < 0 ? -self : self }
}
