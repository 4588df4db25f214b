/// The header names the detector recognizes, and the role each one gets. Pure.
///
/// Names are compared after `normalize`: ASCII lower case, surrounding spaces, quotes and
/// `<>` removed, inner spaces and `-` turned into `_` (`Adj Close` -> `adj_close`). A name not
/// listed here is an ignored column.
enum HeaderNames {
  /// The role of a header name; `.ignored` for names the reader does not use.
  static func role(of name: String) -> ColumnRole {
    table[normalize(name)] ?? .ignored
  }

  /// The canonical spelling used for matching.
  static func normalize(_ name: String) -> String {
    var scalars: [UInt8] = []
    for byte in name.utf8 {
      switch byte {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"): scalars.append(byte + 32)
      case UInt8(ascii: " "), UInt8(ascii: "-"): scalars.append(UInt8(ascii: "_"))
      case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "<"), UInt8(ascii: ">"), 0xEF, 0xBB,
        0xBF, UInt8(ascii: "\t"):
        continue
      default: scalars.append(byte)
      }
    }
    while scalars.first == UInt8(ascii: "_") { scalars.removeFirst() }
    while scalars.last == UInt8(ascii: "_") { scalars.removeLast() }
    return String(decoding: scalars, as: UTF8.self)
  }

  private static let table: [String: ColumnRole] = {
    var table: [String: ColumnRole] = [:]
    func add(_ role: ColumnRole, _ names: String...) { for name in names { table[name] = role } }
    add(
      .timestamp, "ts_utc", "timestamp", "timestamp_utc", "ts", "ts_event", "datetime",
      "date_time", "time_utc", "utc_time", "gmt_time", "local_time_utc")
    add(.date, "date", "day", "trade_date")
    add(.time, "time")
    add(.open, "open", "o", "open_price")
    add(.high, "high", "h", "high_price")
    add(.low, "low", "l", "low_price")
    add(.close, "close", "c", "close_price")
    add(.volume, "volume", "vol", "v")
    add(.bidOpen, "bid_open", "bidopen", "open_bid")
    add(.bidHigh, "bid_high", "bidhigh", "high_bid")
    add(.bidLow, "bid_low", "bidlow", "low_bid")
    add(.bidClose, "bid_close", "bidclose", "close_bid")
    add(.askOpen, "ask_open", "askopen", "open_ask")
    add(.askHigh, "ask_high", "askhigh", "high_ask")
    add(.askLow, "ask_low", "asklow", "low_ask")
    add(.askClose, "ask_close", "askclose", "close_ask")
    add(.bid, "bid", "bid_price", "bidprice", "best_bid", "bid_px")
    add(.ask, "ask", "ask_price", "askprice", "best_ask", "ask_px", "offer")
    add(.bidSize, "bid_size", "bid_amount", "bid_qty", "bid_volume", "bidsize", "bid_sz")
    add(.askSize, "ask_size", "ask_amount", "ask_qty", "ask_volume", "asksize", "ask_sz")
    add(.price, "price", "trade_price", "px")
    add(.size, "size", "amount", "qty", "quantity", "trade_size", "sz")
    add(.side, "side", "aggressor", "aggressor_side", "taker_side")
    add(.suspicious, "suspicious")
    // Known and deliberately unused: adjusted closes, open interest, venue/symbol columns, the
    // receive time next to the exchange time (tardis), trade ids, sale conditions.
    add(
      .ignored, "adj_close", "adjclose", "adjusted_close", "openinterest", "open_interest", "oi",
      "local_timestamp", "exchange", "symbol", "id", "trade_id", "sale_condition")
    return table
  }()
}
