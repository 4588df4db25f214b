import PluginKit

/// Tillson's T3 moving average (TA-Lib's `T3`; Tillson, "Smoothing Techniques for More Accurate
/// Signals", TASC 1998): six chained SMA-seeded EMAs e1...e6 of the input, combined as
/// `c1 e6 + c2 e5 + c3 e4 + c4 e3` with `a = v_factor`, `c1 = -a³`, `c2 = 3a² + 3a³`,
/// `c3 = -6a² - 3a - 3a³`, `c4 = 1 + 3a + a³ + 3a²`. Ready after `6 * period - 5` inputs (TA-Lib's
/// lookback `6 * (period - 1)`).
public final class T3Indicator: IndicatorPlugin {
  public static var stateVersion: UInt32 { 1 }

  private let period: Int
  private let factor: Double
  private let c1, c2, c3, c4: Double
  private var e1, e2, e3, e4, e5, e6: SeededEMA

  public init(host: HostContext, parameters: PluginParameters) throws {
    period = try parameters.int("period", atLeast: 2)
    factor = try parameters.double("v_factor")
    let a = factor
    let squared = a * a
    let cubed = squared * a
    c1 = -cubed
    c2 = 3.0 * (squared + cubed)
    c3 = -3.0 * (2.0 * squared + a + cubed)
    c4 = 1.0 + 3.0 * a + cubed + 3.0 * squared
    e1 = SeededEMA(period: period)
    e2 = e1
    e3 = e1
    e4 = e1
    e5 = e1
    e6 = e1
  }

  private var header: StateHeader { StateHeader(id: "t3", parameters: [Double(period), factor]) }

  public func update(value: Double, at timestamp: Int64) {
    e1.add(value)
    guard e1.isReady else { return }
    e2.add(e1.value)
    guard e2.isReady else { return }
    e3.add(e2.value)
    guard e3.isReady else { return }
    e4.add(e3.value)
    guard e4.isReady else { return }
    e5.add(e4.value)
    guard e5.isReady else { return }
    e6.add(e5.value)
  }

  public func value(_ index: Int) -> Double {
    guard isReady else { return .nan }
    return c1 * e6.value + c2 * e5.value + c3 * e4.value + c4 * e3.value
  }

  public var isReady: Bool { e6.isReady }
  public var warmupCount: Int { 6 * period - 5 }

  public func reset() {
    e1.reset()
    e2.reset()
    e3.reset()
    e4.reset()
    e5.reset()
    e6.reset()
  }

  public func exportState(into writer: inout StateWriter) throws {
    header.write(into: &writer)
    for ema in [e1, e2, e3, e4, e5, e6] { ema.write(into: &writer) }
  }

  public func importState(from reader: inout StateReader, version: UInt32) throws {
    try header.check(from: &reader, version: version)
    try e1.read(from: &reader)
    try e2.read(from: &reader)
    try e3.read(from: &reader)
    try e4.read(from: &reader)
    try e5.read(from: &reader)
    try e6.read(from: &reader)
    try reader.finish()
  }
}

@_cdecl("tradehost_plugin_entry_t3")
public func tradehostPluginEntryT3() -> UnsafeRawPointer {
  PluginExport.indicator(T3Indicator.self, id: "t3", version: "1.0.0")
}
