import Foundation
import RiskSizing
import Testing

@Suite("RealizedVolatility")
struct RealizedVolatilityTests {
  /// The sample standard deviation of the last `window` log returns of `prices`, written out
  /// plainly (no ring buffer) to check the ring against.
  private func reference(_ prices: ArraySlice<Double>, window: Int) -> Double {
    let returns = zip(prices.dropFirst(), prices).map { log($0 / $1) }.suffix(window)
    let mean = returns.reduce(0, +) / Double(window)
    let squares = returns.map { ($0 - mean) * ($0 - mean) }.reduce(0, +)
    return (squares / Double(window - 1)).squareRoot()
  }

  @Test("a hand-computed example: sample deviation, annualised by sqrt(periods per year)")
  func handComputed() throws {
    var volatility = try #require(RealizedVolatility(window: 3, periodsPerYear: 252))
    for price in [100.0, 110.0, 100.0] { volatility.update(price: price) }
    #expect(volatility.value == nil)
    volatility.update(price: 110)
    // Returns r, -r, r with r = ln 1.1: mean r/3, squared deviations (2r/3)^2 * 2 + (4r/3)^2.
    let r = log(1.1)
    let expected = (((2 * r / 3) * (2 * r / 3) * 2 + (4 * r / 3) * (4 * r / 3)) / 2).squareRoot()
    let perPeriod = try #require(volatility.perPeriod)
    #expect(abs(perPeriod - expected) <= 1e-15)
    let annual = try #require(volatility.value)
    #expect(abs(annual - expected * 252.0.squareRoot()) <= 1e-14)
  }

  @Test("the ring keeps exactly the last window of returns over SPY's closes")
  func rollingWindowOnSPY() throws {
    let closes = try SPYDailyReference.shared.get().bars.map(\.close)
    var volatility = try #require(RealizedVolatility(window: 20, periodsPerYear: 252))
    for (index, close) in closes.enumerated() {
      volatility.update(price: close)
      guard index >= 20 else {
        #expect(volatility.perPeriod == nil)
        continue
      }
      let expected = reference(closes[(index - 20)...index], window: 20)
      let value = try #require(volatility.perPeriod)
      #expect(abs(value - expected) <= 1e-12 * max(expected, 1e-3), "bar \(index)")
    }
  }

  @Test("constant growth has no volatility; bad prices are refused; reset empties")
  func edges() throws {
    #expect(RealizedVolatility(window: 1, periodsPerYear: 252) == nil)
    #expect(RealizedVolatility(window: 5, periodsPerYear: 0) == nil)
    #expect(RealizedVolatility(window: 5, periodsPerYear: .infinity) == nil)
    var volatility = try #require(RealizedVolatility(window: 2, periodsPerYear: 365))
    let refused = [
      volatility.update(price: 0), volatility.update(price: -1), volatility.update(price: .nan),
    ]
    #expect(refused == [false, false, false])
    for price in [100.0, 200.0, 400.0] {
      let accepted = volatility.update(price: price)
      #expect(accepted)
    }
    #expect(volatility.value == 0)
    volatility.reset()
    #expect(!volatility.isWarm)
    #expect(volatility.value == nil)
  }
}
