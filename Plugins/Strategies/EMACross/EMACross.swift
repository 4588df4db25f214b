import PluginKit

/// EMA fast/slow stop-and-reverse: long while the fast EMA is at or above the slow one, short
/// otherwise; always in the market once both EMAs are warm.
///
/// The logic of NautilusTrader's `EMACross` example as run by `../shared/peers/nt_emacross.py`:
/// on each bar, once both EMAs are initialized, if fast >= slow and the position is flat, buy;
/// if fast >= slow and short, close the short and buy; mirrored for fast < slow. Quantities are
/// fixed (`trade_size`). The EMAs are the host's `ema` indicator plugin, created by manifest id,
/// so this plugin also exercises plugin-to-plugin use through the host table.
public final class EMACross: StrategyPlugin {
  private let host: HostContext
  private let fast: IndicatorHandle
  private let slow: IndicatorHandle
  private let tradeSize: Double

  public init(host: HostContext, parameters: PluginParameters) throws {
    let fastPeriod = try parameters.int("fast_period")
    let slowPeriod = try parameters.int("slow_period")
    guard fastPeriod < slowPeriod else {
      throw PluginError.invalidArgument(
        "fast_period (\(fastPeriod)) must be below slow_period (\(slowPeriod))")
    }
    self.host = host
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
}

@_cdecl("tradehost_plugin_entry")
public func tradehostPluginEntry() -> UnsafeRawPointer {
  PluginExport.strategy(EMACross.self, id: "ema-cross", version: "1.0.0")
}
