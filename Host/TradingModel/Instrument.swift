/// The kernel's dense index of an instrument (also the ABI's `instrument_id`): assigned in the
/// order instruments are registered with a run, stable for that run.
public typealias InstrumentID = UInt32

/// A tradable instrument and the rules its prices and sizes follow. Pure data; validated once
/// when built (`make`), so the kernel can trust it on the hot path.
public struct Instrument: Hashable, Sendable {
  /// The kernel's index (the ABI `instrument_id`).
  public var id: InstrumentID
  /// The symbol (`SPY`).
  public var symbol: String
  /// The venue (`ARCA`, `SIM`).
  public var venue: String
  /// The currency prices and PnL are in.
  public var currency: Currency
  /// Price decimals.
  public var pricePrecision: UInt8
  /// The smallest price step (at `pricePrecision`).
  public var tickSize: Price
  /// Size decimals.
  public var sizePrecision: UInt8
  /// The smallest size step (at `sizePrecision`).
  public var lotSize: Quantity
  /// The smallest order size.
  public var minQuantity: Quantity
  /// The smallest order notional (`price * quantity * multiplier`).
  public var minNotional: Money
  /// Contract multiplier (1 for shares and spot).
  public var multiplier: Quantity

  /// `SYMBOL.VENUE`.
  public var qualifiedSymbol: String { "\(symbol).\(venue)" }

  /// Builds an instrument, checking that every rule is consistent; the error names the field.
  public static func make(
    id: InstrumentID, symbol: String, venue: String, currency: Currency, pricePrecision: UInt8,
    tickSize: Price? = nil, sizePrecision: UInt8 = 0, lotSize: Quantity? = nil,
    minQuantity: Quantity? = nil, minNotional: Money? = nil, multiplier: Quantity? = nil
  ) -> Result<Instrument, InstrumentError> {
    guard !symbol.isEmpty, !symbol.contains(where: \.isWhitespace) else {
      return .failure(.invalid(field: "symbol", reason: "must be a non-empty word"))
    }
    guard !venue.isEmpty, !venue.contains(where: \.isWhitespace) else {
      return .failure(.invalid(field: "venue", reason: "must be a non-empty word"))
    }
    guard pricePrecision <= FixedPoint.maxPrecision else {
      return .failure(.invalid(field: "price_precision", reason: "must be at most 12"))
    }
    guard sizePrecision <= FixedPoint.maxPrecision else {
      return .failure(.invalid(field: "size_precision", reason: "must be at most 12"))
    }
    let tick = tickSize ?? Price(raw: 1, precision: pricePrecision)
    guard let tickAtPrecision = tick.rescaled(to: pricePrecision),
      tickAtPrecision.rescaled(to: tick.precision) == tick, tickAtPrecision.raw > 0
    else {
      return .failure(
        .invalid(
          field: "tick_size", reason: "\(tick) is not a positive step at \(pricePrecision) decimals"
        ))
    }
    let lot = lotSize ?? Quantity(raw: 1, precision: sizePrecision)
    guard lot.precision == sizePrecision, lot.raw > 0 else {
      return .failure(
        .invalid(
          field: "lot_size", reason: "\(lot) is not a positive step at \(sizePrecision) decimals"))
    }
    let minimum = minQuantity ?? lot
    guard minimum.precision == sizePrecision, minimum.raw > 0 else {
      return .failure(
        .invalid(field: "min_quantity", reason: "must be positive at the size precision"))
    }
    let notional = minNotional ?? .zero(currency)
    guard notional.currency == currency, notional.raw >= 0 else {
      return .failure(.invalid(field: "min_notional", reason: "must be >= 0 in \(currency)"))
    }
    let contract = multiplier ?? Quantity(raw: 1, precision: 0)
    guard contract.raw > 0 else {
      return .failure(.invalid(field: "multiplier", reason: "must be positive"))
    }
    return .success(
      Instrument(
        id: id, symbol: symbol, venue: venue, currency: currency, pricePrecision: pricePrecision,
        tickSize: tickAtPrecision, sizePrecision: sizePrecision, lotSize: lot,
        minQuantity: minimum, minNotional: notional, multiplier: contract))
  }

  /// A plugin's price, checked: finite, at most `pricePrecision` decimals, a whole number of
  /// ticks, positive unless `allowNonPositive` (spreads, some futures).
  public func price(fromDouble value: Double, allowNonPositive: Bool = false) -> Result<
    Price, ConversionError
  > {
    switch FixedPoint.fromDouble(value, precision: pricePrecision) {
    case .failure(let error): return .failure(error)
    case .success(let raw):
      if !allowNonPositive && raw <= 0 { return .failure(raw == 0 ? .zero : .negative) }
      if raw % tickSize.raw != 0 {
        return .failure(
          .offTick(
            value: FixedPoint.format(raw, precision: pricePrecision), tick: tickSize.description))
      }
      return .success(Price(raw: raw, precision: pricePrecision))
    }
  }

  /// A plugin's order size, checked: finite, positive, at most `sizePrecision` decimals, a whole
  /// number of lots.
  public func quantity(fromDouble value: Double) -> Result<Quantity, ConversionError> {
    switch FixedPoint.fromDouble(value, precision: sizePrecision) {
    case .failure(let error): return .failure(error)
    case .success(let raw):
      if raw < 0 { return .failure(.negative) }
      if raw == 0 { return .failure(.zero) }
      if raw % lotSize.raw != 0 {
        return .failure(
          .offLot(value: FixedPoint.format(raw, precision: sizePrecision), lot: lotSize.description)
        )
      }
      return .success(Quantity(raw: raw, precision: sizePrecision))
    }
  }

  /// The notional of `quantity` at `price` in the instrument's currency; `nil` when it does not
  /// fit in `Money`.
  @inlinable
  public func notional(price: Price, quantity: Quantity) -> Money? {
    Money.notional(price: price, quantity: quantity, multiplier: multiplier, currency: currency)
  }
}

/// Why an instrument definition was refused.
public enum InstrumentError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A field is inconsistent (the field's name and why).
  case invalid(field: String, reason: String)

  public var description: String {
    switch self {
    case .invalid(let field, let reason): "instrument field '\(field)': \(reason)"
    }
  }
}
