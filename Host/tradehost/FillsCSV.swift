import Execution
import Foundation
import MarketData
import TradingModel

/// Writes the simulator's fills: `ts_utc,slot,instrument,side,quantity,price,fee,liquidity,
/// reason,client_order_id,trade_id`, one row per fill in the order they happened, numbers as
/// exact decimals.
enum FillsCSV {
  static func write(_ records: [FillRecord], instruments: [Instrument], to path: String) throws {
    var text = "ts_utc,slot,instrument,side,quantity,price,fee,liquidity,reason,client_order_id,trade_id\n"
    text.reserveCapacity(records.count * 96)
    for record in records {
      let fill = record.fill
      text += TimestampText.iso8601(fill.timestamp)
      text += ",\(fill.slot),\(instruments[Int(fill.instrument)].qualifiedSymbol),"
      text += fill.side == .buy ? "buy," : "sell,"
      text += FixedPoint.format(fill.quantity.raw, precision: fill.quantity.precision) + ","
      text += FixedPoint.format(fill.price.raw, precision: fill.price.precision) + ","
      text += FixedPoint.format(fill.fee.raw, precision: fill.fee.currency.precision) + ","
      text += fill.liquidity == .maker ? "maker," : "taker,"
      text += "\(record.reason.name),\(fill.clientOrderID),\(fill.tradeID)\n"
    }
    try text.write(toFile: path, atomically: true, encoding: .utf8)
  }
}
