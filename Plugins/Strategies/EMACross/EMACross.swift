import PluginKit

/// EMA fast/slow stop-and-reverse: long while the fast EMA is at or above the slow one, short
/// otherwise; always in the market once both EMAs are warm.
///
/// The logic of NautilusTrader's `EMACross` example as run by `../shared/peers/nt_emacross.py`:
/// on each bar, once both EMAs are initialized, if fast >= slow and the position is flat, buy;
/// if fast >= slow and short, close the short and buy; mirrored for fast < slow. Quantities are
/// fixed (`trade_size`). The EMAs are the host's `ema` indicator plugin, created by manifest id,
/// so this plugin also exercises plugin-to-plugin use through the host table.
///
/// State (version 1), for hot reload: the two EMAs, so a new instance trades on exactly as the
/// old one would have (the position itself is the host's). Little-endian, as `StateWriter`
/// writes it: `fast_period` and `slow_period` (Int64 each), then for the fast and then the slow
/// EMA its state version (UInt64) and its exported state (length-prefixed bytes).
public final class EMACross: StrategyPlugin {
  public static var stateVersion: UInt32 { 1 }

  private let host: HostContext
  private let fast: IndicatorHandle
  private let slow: IndicatorHandle
  private let fastPeriod: Int
  private let slowPeriod: Int
  private let tradeSize: Double

  public init(host: HostContext, parameters: PluginParameters) throws {
    let fastPeriod = try parameters.int("fast_period")
    let slowPeriod = try parameters.int("slow_period")
    guard fastPeriod < slowPeriod else {
      throw PluginError.invalidArgument(
        "fast_period (\(fastPeriod)) must be below slow_period (\(slowPeriod))")
    }
    self.host = host
    self.fastPeriod = fastPeriod
    self.slowPeriod = slowPeriod
    self.tradeSize = try parameters.double("trade_size")
    self.fast = try host.makeIndicator("ema", parameters: [("period", String(fastPeriod))])
    self.slow = try host.makeIndicator("ema", parameters: [("period", String(slowPeriod))])
  }

  public func onBar(_ bar: Bar) throws {
    fast.update(bar)
    slow.update(bar)
    guard fast.isReady && slow.isReady else { return }
    let position = host.position(bar.instrument_id).quantity
    if fast.value() >= slow.value() {
      if position == 0 {
        _ = try host.submit(
          .market(instrumentID: bar.instrument_id, side: .buy, quantity: tradeSize))
      } else if position < 0 {
        _ = try host.submit(
          .market(instrumentID: bar.instrument_id, side: .buy, quantity: -position))
        _ = try host.submit(
          .market(instrumentID: bar.instrument_id, side: .buy, quantity: tradeSize))
      }
    } else {
      if position == 0 {
        _ = try host.submit(
          .market(instrumentID: bar.instrument_id, side: .sell, quantity: tradeSize))
      } else if position > 0 {
        _ = try host.submit(
          .market(instrumentID: bar.instrument_id, side: .sell, quantity: position))
        _ = try host.submit(
          .market(instrumentID: bar.instrument_id, side: .sell, quantity: tradeSize))
      }
    }
  }

  public func exportState(into writer: inout StateWriter) throws {
    writer.write(fastPeriod)
    writer.write(slowPeriod)
    for ema in [fast, slow] {
      let state = try ema.exportState()
      writer.write(UInt64(state.version))
      writer.write(bytes: state.bytes)
    }
  }

  /// Reads a version-1 state. A state of other periods is refused before either EMA changes;
  /// when the slow EMA refuses its part, the fast one is put back, so a refused import leaves
  /// the instance as it was.
  public func importState(from reader: inout StateReader, version: UInt32) throws {
    guard version == Self.stateVersion else {
      throw PluginError.stateVersion(
        "ema-cross reads state version \(Self.stateVersion), got \(version)")
    }
    let stateFast = try reader.readInt()
    let stateSlow = try reader.readInt()
    guard stateFast == fastPeriod, stateSlow == slowPeriod else {
      throw PluginError.invalidArgument(
        "the state is for fast_period \(stateFast) and slow_period \(stateSlow), "
          + "this instance has fast_period \(fastPeriod) and slow_period \(slowPeriod)")
    }
    let fastState = try Self.readEMAState(&reader)
    let slowState = try Self.readEMAState(&reader)
    try reader.finish()

    let previous = try fast.exportState()
    try fast.importState(version: fastState.version, bytes: fastState.bytes)
    do {
      try slow.importState(version: slowState.version, bytes: slowState.bytes)
    } catch {
      try fast.importState(version: previous.version, bytes: previous.bytes)
      throw error
    }
  }

  /// One EMA's part of the state: its version and its bytes.
  private static func readEMAState(_ reader: inout StateReader) throws -> (
    version: UInt32, bytes: [UInt8]
  ) {
    let version = try reader.readUInt64()
    guard let narrow = UInt32(exactly: version) else {
      throw PluginError.invalidArgument("the state names an EMA state version \(version)")
    }
    return (narrow, try reader.readBytes(maxCount: 1 << 16))
  }
}

@_cdecl("tradehost_plugin_entry")
public func tradehostPluginEntry() -> UnsafeRawPointer {
  PluginExport.strategy(EMACross.self, id: "ema-cross", version: "1.1.0")
}
