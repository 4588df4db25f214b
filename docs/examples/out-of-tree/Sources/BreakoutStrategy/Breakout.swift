import PluginKit

/// Donchian-channel breakout, stop-and-reverse.
///
/// On each bar, once `channel_period` bars have been seen: a close above the highest high of the
/// previous `channel_period` bars targets a long position of `trade_size`; a close below their
/// lowest low targets a short of `trade_size`; anything in between keeps the position. The
/// strategy submits one market order for the difference between the target and the position the
/// host reports, so a reversal is a single order of twice the size.
///
/// Its state (the channel window) is exported with state version 1, so a hot reload does not need
/// a new warm-up.
public final class Breakout: StrategyPlugin {
  /// Tags echoed on the order events (`client_tag`): which signal sent the order.
  enum Tag {
    static let long: UInt64 = 1
    static let short: UInt64 = 2
  }

  public static var stateVersion: UInt32 { 1 }

  private let host: HostContext
  private let tradeSize: Double
  private var channel: DonchianChannel

  public init(host: HostContext, parameters: PluginParameters) throws {
    let period = try parameters.int("channel_period")
    guard period >= 2 else {
      throw PluginError.invalidArgument("channel_period must be at least 2, got \(period)")
    }
    let tradeSize = try parameters.double("trade_size")
    guard tradeSize > 0, tradeSize.isFinite else {
      throw PluginError.invalidArgument("trade_size must be positive, got \(tradeSize)")
    }
    self.host = host
    self.tradeSize = tradeSize
    self.channel = DonchianChannel(period: period)
  }

  public func onBar(_ bar: Bar) throws {
    // The channel is that of the bars before this one: add this bar only after deciding.
    defer { channel.add(high: bar.high, low: bar.low) }
    guard channel.isReady else { return }
    let target: Double
    let tag: UInt64
    if bar.close > channel.upper {
      (target, tag) = (tradeSize, Tag.long)
    } else if bar.close < channel.lower {
      (target, tag) = (-tradeSize, Tag.short)
    } else {
      return
    }
    let difference = target - host.position(bar.instrument_id).quantity
    guard difference != 0 else { return }
    _ = try host.submit(
      .market(
        instrumentID: bar.instrument_id, side: difference > 0 ? .buy : .sell,
        quantity: abs(difference), tag: tag))
  }

  public func onOrderEvent(_ event: OrderEvent) throws {
    if Int(event.type) == Int(TH_EVENT_DENIED) || Int(event.type) == Int(TH_EVENT_REJECTED) {
      let reason = event.reason.map { String(cString: $0) } ?? "no reason given"
      host.log(Int32(TH_LOG_WARNING), "order \(event.client_order_id) refused: \(reason)")
    }
  }

  public func exportState(into writer: inout StateWriter) throws {
    channel.write(into: &writer)
  }

  public func importState(from reader: inout StateReader, version: UInt32) throws {
    guard version == Self.stateVersion else {
      throw PluginError.stateVersion(
        "breakout reads state version \(Self.stateVersion), not \(version)")
    }
    let restored = try DonchianChannel(reading: &reader, period: channel.period)
    try reader.finish()
    channel = restored
  }
}

/// The one symbol the library exports: the host calls it once, before anything else.
@_cdecl("tradehost_plugin_entry")
public func tradehostPluginEntry() -> UnsafeRawPointer {
  PluginExport.strategy(Breakout.self, id: "breakout", version: "1.0.0")
}
