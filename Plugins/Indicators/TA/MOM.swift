import PluginKit

/// Momentum (TA-Lib's `MOM`): `x - x[period back]`. Ready after `period + 1` inputs (TA-Lib's
/// lookback `period`).
public final class MOMIndicator: IndicatorPlugin {
  public static var stateVersion: UInt32 { 1 }

  private let period: Int
  /// The last `period + 1` inputs.
  private var window: Window

  public init(host: HostContext, parameters: PluginParameters) throws {
    period = try parameters.int("period", atLeast: 1)
    window = Window(capacity: period + 1)
  }

  private var header: StateHeader { StateHeader(id: "mom", parameters: [Double(period)]) }

  public func update(value: Double, at timestamp: Int64) { window.push(value) }

  public func value(_ index: Int) -> Double {
    guard isReady else { return .nan }
    let value = window[age: 0]
    let past = window.oldest
    return value - past
  }

  public var isReady: Bool { window.isFull }
  public var warmupCount: Int { period + 1 }
  public func reset() { window.removeAll() }

  public func exportState(into writer: inout StateWriter) throws {
    header.write(into: &writer)
    window.write(into: &writer)
  }

  public func importState(from reader: inout StateReader, version: UInt32) throws {
    try header.check(from: &reader, version: version)
    try window.read(from: &reader)
    try reader.finish()
  }
}

@_cdecl("tradehost_plugin_entry_mom")
public func tradehostPluginEntryMOM() -> UnsafeRawPointer {
  PluginExport.indicator(MOMIndicator.self, id: "mom", version: "1.0.0")
}
