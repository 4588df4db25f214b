import PluginKit

/// Session-anchored volume-weighted average price (as StockCharts' "VWAP" and most charting
/// platforms define it): `Σ(typical price * volume) / Σ volume` over the bars of the current
/// session, the typical price `(high + low + close) / 3`. A session is a day that starts
/// `session_start_minutes` after midnight UTC (e.g. 810 for 13:30 UTC); a bar belongs to the
/// session its close time (`ts_event`) falls in, a bar closing exactly at the start counting to the
/// session before. The sums restart with each session's first bar. Not ready (NaN) while the
/// session has no volume. No TA-Lib twin; tested on hand-checked bars.
public final class SessionVWAPIndicator: IndicatorPlugin {
  public static var input: IndicatorInputKind { .bar }
  public static var stateVersion: UInt32 { 1 }

  private static let day: Int64 = 86_400_000_000_000

  private let offset: Int64
  private var session = Int64.min
  private var weighted = 0.0
  private var volume = 0.0

  public init(host: HostContext, parameters: PluginParameters) throws {
    let minutes = try parameters.int("session_start_minutes")
    guard (0..<1440).contains(minutes) else {
      throw PluginError.invalidArgument(
        "session_start_minutes must be from 0 to 1439, got \(minutes)")
    }
    offset = Int64(minutes) * 60_000_000_000
  }

  private var header: StateHeader { StateHeader(id: "vwap", parameters: [Double(offset)]) }

  public func update(bar: Bar) {
    add(
      typical: (bar.high + bar.low + bar.close) / 3.0, volume: bar.volume, at: bar.ts_event)
  }

  /// A bare value carries no volume: it only moves the session.
  public func update(value: Double, at timestamp: Int64) {
    add(typical: value, volume: 0, at: timestamp)
  }

  private func add(typical: Double, volume: Double, at timestamp: Int64) {
    let shifted = timestamp &- 1 &- offset
    let current = shifted >= 0 ? shifted / Self.day : (shifted + 1) / Self.day - 1
    if current != session {
      session = current
      weighted = 0
      self.volume = 0
    }
    weighted += typical * volume
    self.volume += volume
  }

  public func value(_ index: Int) -> Double { isReady ? weighted / volume : .nan }
  public var isReady: Bool { volume > 0 }
  public var warmupCount: Int { 1 }

  public func reset() {
    session = .min
    weighted = 0
    volume = 0
  }

  public func exportState(into writer: inout StateWriter) throws {
    header.write(into: &writer)
    writer.write(session)
    writer.write(weighted)
    writer.write(volume)
  }

  public func importState(from reader: inout StateReader, version: UInt32) throws {
    try header.check(from: &reader, version: version)
    session = try reader.readInt64()
    weighted = try reader.readDouble()
    volume = try reader.readDouble()
    try reader.finish()
  }
}

@_cdecl("tradehost_plugin_entry_vwap")
public func tradehostPluginEntrySessionVWAP() -> UnsafeRawPointer {
  PluginExport.indicator(SessionVWAPIndicator.self, id: "vwap", version: "1.0.0")
}
