#if canImport(Glibc)
  import Glibc
#else
  import Darwin
#endif

/// Realized volatility: the sample standard deviation of the last `window` log returns
/// `ln(price / previous price)`, and that figure annualised by `sqrt(periodsPerYear)` (252 for
/// daily bars of a stock, 365 for daily crypto bars, `252 * 390` for minute bars of a US stock
/// session: the caller knows its sampling).
///
/// The returns sit in a ring buffer allocated once in `init`; each read recomputes the mean and
/// the deviations in two passes over the window, so no rounding drifts in over a long run.
///
/// Called by the risk wrapper on the kernel thread: synchronous, never blocks, no allocation
/// after `init` as long as the value is updated in place (a copy that is then updated copies the
/// ring, as any array would).
public struct RealizedVolatility: Sendable {
  /// How many log returns the deviation covers (at least 2), so `window + 1` prices.
  public let window: Int
  /// Sampling periods per year, the annualisation factor's square.
  public let periodsPerYear: Double
  /// The returns, a ring of `window` slots.
  private var returns: [Double]
  /// The slot the next return goes to.
  private var next = 0
  /// How many slots hold a return (at most `window`).
  private var filled = 0
  /// The last accepted price, 0 before the first.
  private var previousPrice = 0.0

  /// `nil` when `window` is below 2 or `periodsPerYear` is not a positive finite number.
  public init?(window: Int, periodsPerYear: Double) {
    guard window >= 2, periodsPerYear.isFinite, periodsPerYear > 0 else { return nil }
    self.window = window
    self.periodsPerYear = periodsPerYear
    self.returns = [Double](repeating: 0, count: window)
  }

  /// Whether the window is full (after `window + 1` prices).
  public var isWarm: Bool { filled == window }

  /// Adds a price. Refused (returns `false`, state unchanged) when it is not a positive finite
  /// number, whose logarithm would be undefined.
  @discardableResult
  public mutating func update(price: Double) -> Bool {
    guard price.isFinite, price > 0 else { return false }
    defer { previousPrice = price }
    guard previousPrice > 0 else { return true }
    returns[next] = log(price / previousPrice)
    next = next + 1 == window ? 0 : next + 1
    if filled < window { filled += 1 }
    return true
  }

  /// The sample standard deviation (divisor `window - 1`) of the window's returns, per
  /// sampling period; `nil` until warm.
  public var perPeriod: Double? {
    guard isWarm else { return nil }
    var sum = 0.0
    for index in 0..<window { sum += returns[index] }
    let mean = sum / Double(window)
    var squares = 0.0
    for index in 0..<window {
      let deviation = returns[index] - mean
      squares += deviation * deviation
    }
    return (squares / Double(window - 1)).squareRoot()
  }

  /// `perPeriod * sqrt(periodsPerYear)`; `nil` until warm.
  public var value: Double? {
    perPeriod.map { $0 * periodsPerYear.squareRoot() }
  }

  /// Forgets every price (the buffer is kept).
  public mutating func reset() {
    next = 0
    filled = 0
    previousPrice = 0
  }
}
