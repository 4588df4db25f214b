import PluginKit

/// Moving average convergence/divergence (TA-Lib's `MACD`; Appel, 1979): `macd` is the fast EMA of
/// the input minus the slow EMA, `signal` the EMA of `macd` over `signal_period`, `hist` their
/// difference. Every EMA is SMA-seeded, and, as in TA-Lib, the fast EMA skips the first
/// `slow_period - fast_period` inputs so both EMAs start on the same input. All three outputs are
/// ready after `slow_period + signal_period - 1` inputs (TA-Lib's lookback
/// `slow_period + signal_period - 2`).
public final class MACDIndicator: IndicatorPlugin {
  public static var stateVersion: UInt32 { 1 }
  public static var outputNames: [String] { ["macd", "signal", "hist"] }

  private let skip: Int
  private var skipped = 0
  private var fast: SeededEMA
  private var slow: SeededEMA
  private var signal: SeededEMA

  public init(host: HostContext, parameters: PluginParameters) throws {
    let fastPeriod = try parameters.int("fast_period", atLeast: 2)
    let slowPeriod = try parameters.int("slow_period", atLeast: 2)
    let signalPeriod = try parameters.int("signal_period", atLeast: 1)
    guard fastPeriod < slowPeriod else {
      throw PluginError.invalidArgument(
        "fast_period (\(fastPeriod)) must be below slow_period (\(slowPeriod))")
    }
    skip = slowPeriod - fastPeriod
    fast = SeededEMA(period: fastPeriod)
    slow = SeededEMA(period: slowPeriod)
    signal = SeededEMA(period: signalPeriod)
  }

  private var header: StateHeader {
    StateHeader(
      id: "macd",
      parameters: [Double(fast.period), Double(slow.period), Double(signal.period)])
  }

  public func update(value: Double, at timestamp: Int64) {
    slow.add(value)
    if skipped < skip {
      skipped += 1
    } else {
      fast.add(value)
    }
    if slow.isReady { signal.add(fast.value - slow.value) }
  }

  public func value(_ index: Int) -> Double {
    guard isReady else { return .nan }
    let line = fast.value - slow.value
    switch index {
    case 0: return line
    case 1: return signal.value
    default: return line - signal.value
    }
  }

  public var isReady: Bool { signal.isReady }
  public var warmupCount: Int { slow.period + signal.period - 1 }

  public func reset() {
    skipped = 0
    fast.reset()
    slow.reset()
    signal.reset()
  }

  public func exportState(into writer: inout StateWriter) throws {
    header.write(into: &writer)
    writer.write(skipped)
    fast.write(into: &writer)
    slow.write(into: &writer)
    signal.write(into: &writer)
  }

  public func importState(from reader: inout StateReader, version: UInt32) throws {
    try header.check(from: &reader, version: version)
    let stateSkipped = try reader.readInt()
    guard (0...skip).contains(stateSkipped) else {
      throw PluginError.invalidArgument("macd: state skipped \(stateSkipped) outside 0...\(skip)")
    }
    skipped = stateSkipped
    try fast.read(from: &reader)
    try slow.read(from: &reader)
    try signal.read(from: &reader)
    try reader.finish()
  }
}

@_cdecl("tradehost_plugin_entry_macd")
public func tradehostPluginEntryMACD() -> UnsafeRawPointer {
  PluginExport.indicator(MACDIndicator.self, id: "macd", version: "1.0.0")
}
