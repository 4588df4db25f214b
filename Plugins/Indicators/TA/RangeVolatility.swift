import Foundation
import PluginKit

/// Range-based volatility estimators over the last `period` bars, per bar (not annualised: multiply
/// by the square root of bars per year to annualise). No TA-Lib twin; tested on hand-checked bars.
///
/// - `parkinson` (Parkinson, "The Extreme Value Method for Estimating the Variance of the Rate of
///   Return", Journal of Business 53(1), 1980): `sqrt(mean(ln(high/low)²) / (4 ln 2))`.
/// - `garman_klass` (Garman and Klass, "On the Estimation of Security Price Volatilities from
///   Historical Data", Journal of Business 53(1), 1980, their σ̂₅ without the opening jump):
///   `sqrt(mean(0.5 ln(high/low)² - (2 ln 2 - 1) ln(close/open)²))`.
///
/// Each bar's term is kept in a window and summed in a running sum re-added over the window every
/// `period` bars (amortised O(1)). A bar with a non-positive price gives a NaN term, so the output
/// is NaN until that bar has left the window and the sum is next recomputed (at most `2 * period`
/// bars): a log of such a price has no meaning. Ready after `period` bars.
public final class RangeVolatilityIndicator<Estimator: RangeEstimator>: IndicatorPlugin {
  public static var input: IndicatorInputKind { .bar }
  public static var stateVersion: UInt32 { 1 }

  private let period: Int
  private var terms: Window
  private var sum = 0.0
  private var sinceResum = Int.max

  public required init(host: HostContext, parameters: PluginParameters) throws {
    period = try parameters.int("period", atLeast: 1)
    terms = Window(capacity: period)
  }

  private var header: StateHeader { StateHeader(id: Estimator.id, parameters: [Double(period)]) }

  public func update(bar: Bar) {
    let valid = bar.open > 0 && bar.high > 0 && bar.low > 0 && bar.close > 0
    add(valid ? Estimator.term(bar) : .nan)
  }

  /// A bare value is a bar with no range: its term is 0.
  public func update(value: Double, at timestamp: Int64) { add(value > 0 ? 0 : .nan) }

  private func add(_ term: Double) {
    if terms.isFull { sum -= terms.oldest }
    terms.push(term)
    if sinceResum >= period {
      sum = 0
      for age in 0..<terms.count { sum += terms[age: age] }
      sinceResum = 1
    } else {
      sum += term
      sinceResum += 1
    }
  }

  public func value(_ index: Int) -> Double {
    guard isReady else { return .nan }
    let variance = Estimator.scale * (sum / Double(period))
    return variance > 0 ? variance.squareRoot() : 0
  }

  public var isReady: Bool { terms.isFull }
  public var warmupCount: Int { period }

  public func reset() {
    terms.removeAll()
    sum = 0
    sinceResum = Int.max
  }

  public func exportState(into writer: inout StateWriter) throws {
    header.write(into: &writer)
    writer.write(sum)
    writer.write(sinceResum)
    terms.write(into: &writer)
  }

  public func importState(from reader: inout StateReader, version: UInt32) throws {
    try header.check(from: &reader, version: version)
    sum = try reader.readDouble()
    sinceResum = try reader.readInt()
    guard sinceResum >= 0 else { throw PluginError.invalidArgument("negative state count") }
    try terms.read(from: &reader)
    try reader.finish()
  }
}

/// One range-based estimator: the per-bar term and the factor applied to the mean of the terms.
public protocol RangeEstimator {
  static var id: String { get }
  static var scale: Double { get }
  static func term(_ bar: Bar) -> Double
}

/// Parkinson's estimator.
public enum Parkinson: RangeEstimator {
  public static var id: String { "parkinson" }
  public static var scale: Double { 1.0 / (4.0 * M_LN2) }
  public static func term(_ bar: Bar) -> Double {
    let range = log(bar.high / bar.low)
    return range * range
  }
}

/// Garman and Klass's estimator.
public enum GarmanKlass: RangeEstimator {
  public static var id: String { "garman_klass" }
  public static var scale: Double { 1.0 }
  public static func term(_ bar: Bar) -> Double {
    let range = log(bar.high / bar.low)
    let body = log(bar.close / bar.open)
    return 0.5 * range * range - (2.0 * M_LN2 - 1.0) * body * body
  }
}

@_cdecl("tradehost_plugin_entry_parkinson")
public func tradehostPluginEntryParkinson() -> UnsafeRawPointer {
  PluginExport.indicator(
    RangeVolatilityIndicator<Parkinson>.self, id: "parkinson", version: "1.0.0")
}

@_cdecl("tradehost_plugin_entry_garman_klass")
public func tradehostPluginEntryGarmanKlass() -> UnsafeRawPointer {
  PluginExport.indicator(
    RangeVolatilityIndicator<GarmanKlass>.self, id: "garman_klass", version: "1.0.0")
}
