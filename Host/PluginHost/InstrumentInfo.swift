import CTradeHostPlugin
import TradingModel

/// The ABI view of the run's instruments (`th_instrument_info`): what `instrument_lookup`
/// answers a strategy or an exchange plugin.
public enum InstrumentInfo {
  /// The ABI view of the run's instruments, keyed by symbol and by `SYMBOL.VENUE` (a symbol
  /// listed on two venues is reachable only by its qualified name).
  public static func table(_ instruments: [Instrument]) -> [String: th_instrument_info] {
    var table: [String: th_instrument_info] = [:]
    var symbolCount: [String: Int] = [:]
    for instrument in instruments { symbolCount[instrument.symbol, default: 0] += 1 }
    for instrument in instruments {
      let info = info(instrument)
      table[instrument.qualifiedSymbol] = info
      if symbolCount[instrument.symbol] == 1 { table[instrument.symbol] = info }
    }
    return table
  }

  public static func info(_ instrument: Instrument) -> th_instrument_info {
    var info = th_instrument_info()
    info.struct_size = UInt32(MemoryLayout<th_instrument_info>.size)
    info.instrument_id = instrument.id
    CCharArray.write(instrument.symbol, into: &info.symbol)
    CCharArray.write(instrument.venue, into: &info.venue)
    CCharArray.write(instrument.currency.code, into: &info.currency)
    info.price_precision = UInt32(instrument.pricePrecision)
    info.size_precision = UInt32(instrument.sizePrecision)
    info.tick_size = instrument.tickSize.doubleValue
    info.lot_size = instrument.lotSize.doubleValue
    info.min_quantity = instrument.minQuantity.doubleValue
    info.min_notional = instrument.minNotional.doubleValue
    info.multiplier = instrument.multiplier.doubleValue
    return info
  }
}
