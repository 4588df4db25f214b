import PluginKit

/// Normalised average true range in percent of the close (TA-Lib's `NATR`; Forman, "Cross-Market
/// Evaluations With Normalized Average True Range", TASC 2006): `atr / close * 100`, the ATR with
/// Wilder's smoothing seeded by the mean of the first `period` true ranges; 0 for a zero close (as
/// TA-Lib). Ready after `period + 1` bars (TA-Lib's lookback `period`).
public final class NATRIndicator: IndicatorPlugin {
  public static var input: IndicatorInputKind { .bar }
  public static var stateVersion: UInt32 { 1 }

  private let period: Int
  private var count = 0
  private var previousClose = 0.0
  /// Sum of true ranges during the warm-up, the average afterwards.
  private var average = 0.0

  public init(host: HostContext, parameters: PluginParameters) throws {
    period = try parameters.int("period", atLeast: 1)
  }

  private var header: StateHeader { StateHeader(id: "natr", parameters: [Double(period)]) }

  public func update(bar: Bar) { add(high: bar.high, low: bar.low, close: bar.close) }

  public func update(value: Double, at timestamp: Int64) {
    add(high: value, low: value, close: value)
  }

  private func add(high: Double, low: Double, close: Double) {
    defer {
      previousClose = close
      if count <= period { count += 1 }
    }
    guard count > 0 else { return }
    let range = trueRange(high: high, low: low, previousClose: previousClose)
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

  public func value(_ index: Int) -> Double {
    guard isReady else { return .nan }
    return previousClose != 0.0 ? (average / previousClose) * 100.0 : 0.0
  }

  public var isReady: Bool { count > period }
  public var warmupCount: Int { period + 1 }

  public func reset() {
    count = 0
    previousClose = 0
    average = 0
  }

  public func exportState(into writer: inout StateWriter) throws {
    header.write(into: &writer)
    writer.write(count)
    writer.write(previousClose)
    writer.write(average)
  }

  public func importState(from reader: inout StateReader, version: UInt32) throws {
    try header.check(from: &reader, version: version)
    let stateCount = try reader.readInt()
    guard (0...(period + 1)).contains(stateCount) else {
      throw PluginError.invalidArgument("natr: state count \(stateCount) outside 0...\(period + 1)")
    }
    count = stateCount
    previousClose = try reader.readDouble()
    average = try reader.readDouble()
    try reader.finish()
  }
}

@_cdecl("tradehost_plugin_entry_natr")
public func tradehostPluginEntryNATR() -> UnsafeRawPointer {
  PluginExport.indicator(NATRIndicator.self, id: "natr", version: "1.0.0")
}
