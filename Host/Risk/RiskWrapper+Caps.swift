import Kernel
import RiskSizing
import TradingModel

extension RiskWrapper {
  /// The largest raw quantity an order in `direction` may have so that no position, exposure,
  /// leverage or concentration cap is exceeded after it, at the instruments' last prices (the
  /// order's own instrument at `price`). Every cap bounds how far the slot's position may go in
  /// the order's direction, counting the slot's `working` orders on that side as filled; the
  /// tightest one binds and is named in `binding`. `slotEquity` is the
  /// slot's equity (raw; read only for a slot leverage cap).
  ///
  /// [kernel-thread] Allocation-free; O(instruments) per configured money cap.
  func capRoom(
    slot: SlotID, instrument index: Int, direction: Int64, position: Int64, working: Int64,
    price: Int64, slotEquity: Int64, binding: inout DenialReason?
  ) -> Int64 {
    let state = instruments[index]
    let valuation = state.valuation
    let ownValue = valuation.value(quantity: position, price: price)
    let signedOwnValue = position < 0 ? -ownValue : ownValue
    // How far the slot's position reaches in the order's direction once its working orders on
    // that side fill.
    let along = direction * position + working
    var room = Int64.max

    /// A bound on |position after| along the direction, in raw quantity.
    func bound(_ limit: Int64, _ reason: DenialReason) {
      let candidate = max(limit, 0) &- along
      if candidate < room {
        room = candidate
        binding = reason
      }
    }
    /// A bound from a money cap, given what the rest of the book already uses.
    func moneyBound(_ cap: Int64, others: Int64, _ reason: DenialReason) {
      bound(valuation.maxQuantity(value: cap &- others, price: price), reason)
    }

    // A shadow slot (off the account's books) is bounded by its own book only.
    let onBook = slots[slot].onBook
    if let cap = state.limits.maxPosition {
      bound(cap.raw - (onBook ? state.absPositionSum - position.magnitudeInt : 0), .maxPosition)
    }
    let slotLimits = slots[slot].limits
    if let cap = slotLimits.maxPositionNotional {
      moneyBound(cap.raw, others: 0, .maxSlotPosition)
    }
    let account = configuration.account
    let equity = kernel.accountEquity.raw
    if slotLimits.maxGrossExposure != nil || slotLimits.maxLeverage != nil
      || slotLimits.maxConcentration != nil || slotLimits.maxNetExposure != nil
    {
      let (gross, net) = slotExposure(slot, pricing: index, at: price)
      let othersGross = gross - ownValue
      if let cap = slotLimits.maxGrossExposure {
        moneyBound(cap.raw, others: othersGross, .slotGrossExposure)
      }
      if let leverage = slotLimits.maxLeverage {
        moneyBound(
          Self.fraction(leverage, of: slotEquity), others: othersGross,
          .slotLeverage)
      }
      if let share = slotLimits.maxConcentration {
        moneyBound(Self.fraction(share, of: equity), others: othersGross, .strategyConcentration)
      }
      if let cap = slotLimits.maxNetExposure {
        moneyBound(cap.raw, others: direction * (net - signedOwnValue), .slotNetExposure)
      }
    }
    guard onBook else { return room }
    if account.maxGrossExposure != nil || account.maxLeverage != nil
      || account.maxNetExposure != nil
    {
      let (gross, net) = accountExposure(pricing: index, at: price)
      let othersGross = gross - ownValue
      if let cap = account.maxGrossExposure {
        moneyBound(cap.raw, others: othersGross, .accountGrossExposure)
      }
      if let leverage = account.maxLeverage {
        moneyBound(Self.fraction(leverage, of: equity), others: othersGross, .accountLeverage)
      }
      if let cap = account.maxNetExposure {
        moneyBound(cap.raw, others: direction * (net - signedOwnValue), .accountNetExposure)
      }
    }
    if let share = account.maxSymbolConcentration {
      let others = valuation.value(
        quantity: state.absPositionSum - position.magnitudeInt, price: price)
      moneyBound(Self.fraction(share, of: equity), others: others, .symbolConcentration)
    }
    if let share = account.maxVenueConcentration {
      var venueGross: Int64 = 0
      for other in instruments.indices where instruments[other].venue == state.venue {
        let mark = other == index ? price : instruments[other].lastPrice
        venueGross += instruments[other].valuation.value(
          quantity: instruments[other].absPositionSum, price: mark)
      }
      moneyBound(
        Self.fraction(share, of: equity), others: venueGross - ownValue, .venueConcentration)
    }
    return room
  }

  /// `slot`'s gross and net exposure at the last prices (`pricing` at `price`), raw.
  private func slotExposure(_ slot: SlotID, pricing: Int, at price: Int64) -> (Int64, Int64) {
    var gross: Int64 = 0
    var net: Int64 = 0
    let base = slot * instrumentCount
    for index in 0..<instrumentCount {
      let quantity = positions[base + index]
      guard quantity != 0 else { continue }
      let mark = index == pricing ? price : instruments[index].lastPrice
      let value = instruments[index].valuation.value(quantity: quantity, price: mark)
      gross += value
      net += quantity < 0 ? -value : value
    }
    return (gross, net)
  }

  /// The account's gross (every slot's absolute positions) and net exposure, raw.
  private func accountExposure(pricing: Int, at price: Int64) -> (Int64, Int64) {
    var gross: Int64 = 0
    var net: Int64 = 0
    for index in 0..<instrumentCount {
      let state = instruments[index]
      guard state.absPositionSum != 0 else { continue }
      let mark = index == pricing ? price : state.lastPrice
      gross += state.valuation.value(quantity: state.absPositionSum, price: mark)
      let value = state.valuation.value(quantity: state.netPosition, price: mark)
      net += state.netPosition < 0 ? -value : value
    }
    return (gross, net)
  }

  /// `fraction` of a raw amount (0 when the amount is not positive).
  @inline(__always)
  static func fraction(_ fraction: Double, of amount: Int64) -> Int64 {
    amount > 0 ? Int64(fraction * Double(amount)) : 0
  }
}

extension Int64 {
  /// |self| as Int64 (positions never reach Int64.min).
  @inline(__always)
  var magnitudeInt: Int64 { self < 0 ? -self : self }
}
