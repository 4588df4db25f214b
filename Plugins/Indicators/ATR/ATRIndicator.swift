import PluginKit

/// Average true range with Wilder's smoothing, computed as TA-Lib's `ATR` does.
///
/// True range of a bar: the largest of `high - low`, `|previous close - high|` and
/// `|previous close - low|`; the first bar has none (it only supplies a previous close). The first
/// output, after `period + 1` bars, is the mean of the first `period` true ranges; later ones are
/// `atr = (atr * (period - 1) + tr) / period`.
///
/// Fed a bare value (`update(value:at:)`), the indicator treats it as a bar whose open, high, low
/// and close all equal it, so the true range is the gap from the previous close.
public final class ATRIndicator: IndicatorPlugin {
  public static var input: IndicatorInputKind { .bar }
  public static var stateVersion: UInt32 { 1 }

  private let period: Int
  private var count = 0
  private var previousClose = 0.0
  /// Sum of true ranges during the warm-up, the average afterwards.
  private var average = 0.0

  public init(host: HostContext, parameters: PluginParameters) throws {
    period = try parameters.int("period")
    guard period >= 1 else {
      throw PluginError.invalidArgument("period must be at least 1, got \(period)")
    }
  }

  public func update(bar: Bar) { add(high: bar.high, low: bar.low, close: bar.close) }

  public func update(value: Double, at timestamp: Int64) {
    add(high: value, low: value, close: value)
  }

  private func add(high: Double, low: Double, close: Double) {
    defer {
      previousClose = close
      if count < Int.max { count += 1 }
    }
    guard count > 0 else { return }
    var range = high - low
    let upper = abs(previousClose - high)
    if upper > range { range = upper }
    let lower = abs(previousClose - low)
    if lower > range { range = lower }
    if count < period {
      average += range
    } else if count == period {
      average = (average + range) / Double(period)
    } else {
      average *= Double(period - 1)
      average += range
      average /= Double(period)
    }
  }

  public func value(_ index: Int) -> Double { isReady ? average : .nan }

  public var isReady: Bool { count > period }

  public var warmupCount: Int { period + 1 }

  public func reset() {
    count = 0
    previousClose = 0
    average = 0
  }

  public func exportState(into writer: inout StateWriter) throws {
    writer.write(period)
    writer.write(count)
    writer.write(previousClose)
    writer.write(average)
  }

  public func importState(from reader: inout StateReader, version: UInt32) throws {
    guard version == Self.stateVersion else {
      throw PluginError.stateVersion("atr reads state version 1, got \(version)")
    }
    let statePeriod = try reader.readInt()
    let stateCount = try reader.readInt()
    let stateClose = try reader.readDouble()
    let stateAverage = try reader.readDouble()
    try reader.finish()
    guard statePeriod == period, stateCount >= 0 else {
      throw PluginError.invalidArgument(
        "state is for period \(statePeriod), this instance has period \(period)")
    }
    count = stateCount
    previousClose = stateClose
    average = stateAverage
  }
}

@_cdecl("tradehost_plugin_entry")
public func tradehostPluginEntry() -> UnsafeRawPointer {
  PluginExport.indicator(ATRIndicator.self, id: "atr", version: "1.0.0")
}
