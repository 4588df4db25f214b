import PluginKit

/// Chaikin A/D oscillator (TA-Lib's `ADOSC`; Chaikin): the fast EMA of the A/D line minus its slow
/// EMA, both started at the first bar's A/D value (not from an SMA, as TA-Lib) and updated as
/// `k * ad + (1 - k) * ema`, `k = 2 / (period + 1)`. Ready after the longer period's bars (TA-Lib's
/// lookback `max(fast, slow) - 1`).
public final class ChaikinOscillatorIndicator: IndicatorPlugin {
  public static var input: IndicatorInputKind { .bar }
  public static var stateVersion: UInt32 { 1 }

  private let fastPeriod: Int
  private let slowPeriod: Int
  private let fastK: Double
  private let slowK: Double
  private var line = 0.0
  private var fast = 0.0
  private var slow = 0.0
  private var count = 0

  public init(host: HostContext, parameters: PluginParameters) throws {
    fastPeriod = try parameters.int("fast_period", atLeast: 2)
    slowPeriod = try parameters.int("slow_period", atLeast: 2)
    fastK = 2.0 / (Double(fastPeriod) + 1.0)
    slowK = 2.0 / (Double(slowPeriod) + 1.0)
  }

  private var header: StateHeader {
    StateHeader(id: "adosc", parameters: [Double(fastPeriod), Double(slowPeriod)])
  }

  public func update(bar: Bar) {
    line = accumulate(line, high: bar.high, low: bar.low, close: bar.close, volume: bar.volume)
    step()
  }

  /// A bare value adds nothing to the A/D line; the averages still step.
  public func update(value: Double, at timestamp: Int64) { step() }

  private func step() {
    if count == 0 {
      fast = line
      slow = line
    } else {
      fast = (fastK * line) + ((1.0 - fastK) * fast)
      slow = (slowK * line) + ((1.0 - slowK) * slow)
    }
    if count < warmupCount { count += 1 }
  }

  public func value(_ index: Int) -> Double { isReady ? fast - slow : .nan }
  public var isReady: Bool { count >= warmupCount }
  public var warmupCount: Int { max(fastPeriod, slowPeriod) }

  public func reset() {
    line = 0
    fast = 0
    slow = 0
    count = 0
  }

  public func exportState(into writer: inout StateWriter) throws {
    header.write(into: &writer)
    writer.write(count)
    writer.write(line)
    writer.write(fast)
    writer.write(slow)
  }

  public func importState(from reader: inout StateReader, version: UInt32) throws {
    try header.check(from: &reader, version: version)
    count = try reader.readInt()
    guard (0...warmupCount).contains(count) else {
      throw PluginError.invalidArgument("adosc: state count \(count) outside 0...\(warmupCount)")
    }
    line = try reader.readDouble()
    fast = try reader.readDouble()
    slow = try reader.readDouble()
    try reader.finish()
  }
}

@_cdecl("tradehost_plugin_entry_adosc")
public func tradehostPluginEntryChaikinOscillator() -> UnsafeRawPointer {
  PluginExport.indicator(ChaikinOscillatorIndicator.self, id: "adosc", version: "1.0.0")
}
