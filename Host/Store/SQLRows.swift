import TradingModel

/// Journal records as SQL rows and back: one INSERT per record kind, the history queries and
/// their decoding. Integers that are unsigned in the model (ids, tags) are stored as the same
/// 64 bits in a signed column.
enum SQLRows {
  /// The journal's tables, in the order a batch writes them.
  enum Table: Int, CaseIterable {
    case instruments, slotVersions, orders, orderEvents, amendments, fills, deploymentActions
    case audit, runMarkets, rounds, stops

    var name: String {
      switch self {
      case .instruments: "instruments"
      case .slotVersions: "slot_versions"
      case .orders: "orders"
      case .orderEvents: "order_events"
      case .amendments: "order_amendments"
      case .fills: "fills"
      case .deploymentActions: "deployment_actions"
      case .audit: "audit"
      case .runMarkets: "run_markets"
      case .rounds: "rounds"
      case .stops: "tradehost_session_stops"
      }
    }

    var columns: [String] {
      switch self {
      case .instruments:
        [
          "session_id", "instrument_id", "symbol", "venue", "currency", "currency_precision",
          "price_precision", "size_precision",
        ]
      case .slotVersions:
        ["session_id", "at", "slot", "name", "role", "strategy_id", "version", "sha256"]
      case .orders:
        [
          "session_id", "client_order_id", "at", "slot", "instrument_id", "side", "order_type",
          "quantity", "size_precision", "limit_price", "trigger_price", "price_precision",
          "time_in_force", "reduce_only", "client_tag",
        ]
      case .orderEvents:
        [
          "session_id", "client_order_id", "at", "slot", "kind", "leaves_quantity",
          "size_precision", "reason_code",
        ]
      case .amendments:
        [
          "session_id", "client_order_id", "at", "slot", "quantity", "size_precision",
          "limit_price", "trigger_price", "price_precision",
        ]
      case .fills:
        [
          "session_id", "client_order_id", "at", "slot", "instrument_id", "side", "quantity",
          "size_precision", "price", "price_precision", "fee", "fee_currency", "fee_precision",
          "liquidity", "trade_id",
        ]
      case .deploymentActions: ["session_id", "at", "slot", "action", "detail"]
      case .audit:
        ["session_id", "at", "source", "scope", "action", "from_state", "to_state", "reason"]
      case .runMarkets:
        ["session_id", "resumes", "fingerprint", "market_start", "description", "risk_state"]
      case .rounds: ["session_id", "round", "at", "cash", "equity", "currency_precision"]
      case .stops: ["session_id", "stopped_at"]
      }
    }
  }

  /// Rows per multi-row INSERT: a batch writes each table in chunks of this many rows (one
  /// prepared statement), the rest one row at a time.
  static let chunk = 256

  /// `INSERT INTO table (columns) VALUES (?, ...), ...` for `rows` rows; built once per
  /// table and row count used (1 and `chunk`).
  static func insertSQL(_ table: Table, rows: Int) -> String {
    let placeholders = "(" + Array(repeating: "?", count: table.columns.count).joined(separator: ", ") + ")"
    return "INSERT INTO \(table.name) (\(table.columns.joined(separator: ", "))) VALUES "
      + Array(repeating: placeholders, count: rows).joined(separator: ", ")
  }

  static let singleInserts = Table.allCases.map { insertSQL($0, rows: 1) }
  static let chunkInserts = Table.allCases.map { insertSQL($0, rows: chunk) }

  /// The table and the values (in `Table.columns` order) of one record.
  static func row(_ record: JournalRecord, session: Int64) -> (Table, [SQLValue]) {
    let id = SQLValue.integer(session)
    switch record {
    case .order(let order):
      return (
        .orders,
        [
          id, unsigned(order.clientOrderID), .integer(order.time), .integer(Int64(order.slot)),
          .integer(Int64(order.instrument)), .text(order.side.description),
          .text(typeName(order.type)), .integer(order.quantity.raw),
          .integer(Int64(order.quantity.precision)),
          order.type.limitPrice.map { .integer($0.raw) } ?? .null,
          order.type.triggerPrice.map { .integer($0.raw) } ?? .null,
          .integer(Int64(order.type.limitPrice?.precision ?? order.type.triggerPrice?.precision ?? 0)),
          .text(tifName(order.timeInForce)), .integer(order.reduceOnly ? 1 : 0),
          unsigned(order.clientTag),
        ]
      )
    case .orderEvent(let event):
      return (
        .orderEvents,
        [
          id, unsigned(event.clientOrderID), .integer(event.time), .integer(Int64(event.slot)),
          .text(event.kind.description), .integer(event.leavesQuantity.raw),
          .integer(Int64(event.leavesQuantity.precision)), .integer(Int64(event.reasonCode)),
        ]
      )
    case .amendment(let amendment):
      let type = amendment.type
      return (
        .amendments,
        [
          id, unsigned(amendment.clientOrderID), .integer(amendment.time),
          .integer(Int64(amendment.slot)), .integer(amendment.quantity.raw),
          .integer(Int64(amendment.quantity.precision)),
          type.limitPrice.map { .integer($0.raw) } ?? .null,
          type.triggerPrice.map { .integer($0.raw) } ?? .null,
          .integer(Int64(type.limitPrice?.precision ?? type.triggerPrice?.precision ?? 0)),
        ]
      )
    case .fill(let fill):
      return (
        .fills,
        [
          id, unsigned(fill.clientOrderID), .integer(fill.timestamp), .integer(Int64(fill.slot)),
          .integer(Int64(fill.instrument)), .text(fill.side.description),
          .integer(fill.quantity.raw), .integer(Int64(fill.quantity.precision)),
          .integer(fill.price.raw), .integer(Int64(fill.price.precision)), .integer(fill.fee.raw),
          .text(fill.fee.currency.code), .integer(Int64(fill.fee.currency.precision)),
          .text(fill.liquidity == .maker ? "maker" : "taker"), unsigned(fill.tradeID),
        ]
      )
    case .instrument(let instrument):
      return (
        .instruments,
        [
          id, .integer(Int64(instrument.id)), .text(instrument.symbol), .text(instrument.venue),
          .text(instrument.currency.code), .integer(Int64(instrument.currency.precision)),
          .integer(Int64(instrument.pricePrecision)), .integer(Int64(instrument.sizePrecision)),
        ]
      )
    case .slot(let slot):
      return (
        .slotVersions,
        [
          id, .integer(slot.time), .integer(Int64(slot.slot)), .text(slot.name), .text(slot.role),
          .text(slot.strategyID), .text(slot.version), slot.sha256.map { .text($0) } ?? .null,
        ]
      )
    case .deployment(let action):
      return (
        .deploymentActions,
        [id, .integer(action.time), .text(action.slot), .text(action.action), .text(action.detail)]
      )
    case .audit(let entry):
      return (
        .audit,
        [
          id, .integer(entry.time), .text(entry.source), .text(entry.scope), .text(entry.action),
          entry.from.map { .text($0) } ?? .null, entry.to.map { .text($0) } ?? .null,
          .text(entry.reason),
        ]
      )
    case .stop(let time):
      return (.stops, [id, .integer(time)])
    case .runMarket(let market):
      return (
        .runMarkets,
        [
          id, market.resumes.map { .integer($0) } ?? .null, .text(market.fingerprint),
          .integer(market.marketStart), .text(market.description),
          market.riskState.map { .text($0) } ?? .null,
        ]
      )
    case .round(let round):
      return (
        .rounds,
        [
          id, .integer(round.round), .integer(round.time), .integer(round.cash),
          .integer(round.equity), .integer(Int64(round.precision)),
        ]
      )
    }
  }

  // MARK: history

  /// The WHERE clause's conditions on table alias `t` (`at`, `slot`, `session_id` columns).
  static func conditions(_ query: HistoryQuery) -> String {
    var parts: [String] = []
    if query.slot != nil {
      parts.append(
        "t.slot IN (SELECT s.slot FROM slot_versions s WHERE s.session_id = t.session_id AND s.name = ?)"
      )
    }
    if query.since != nil { parts.append("t.at >= ?") }
    if query.session != nil { parts.append("t.session_id = ?") }
    return parts.isEmpty ? "" : "WHERE " + parts.joined(separator: " AND ")
  }

  static func parameters(_ query: HistoryQuery) -> [SQLValue] {
    var values: [SQLValue] = []
    if let slot = query.slot { values.append(.text(slot)) }
    if let since = query.since { values.append(.integer(since)) }
    if let session = query.session { values.append(.integer(session)) }
    return values
  }

  /// The slot's name and the instrument's `SYMBOL.VENUE` of row `t`.
  static let names = """
    COALESCE((SELECT s.name FROM slot_versions s WHERE s.session_id = t.session_id
      AND s.slot = t.slot ORDER BY s.seq DESC LIMIT 1), ''),
    COALESCE((SELECT i.symbol || '.' || i.venue FROM instruments i
      WHERE i.session_id = t.session_id AND i.instrument_id = t.instrument_id), '')
    """

  static func orderQuery(_ query: HistoryQuery) -> String {
    """
    SELECT t.session_id, t.client_order_id, t.at, t.slot, t.instrument_id, t.side, t.order_type,
      t.quantity, t.size_precision, t.limit_price, t.trigger_price, t.price_precision,
      t.time_in_force, t.reduce_only, t.client_tag, \(names),
      COALESCE((SELECT e.kind FROM order_events e WHERE e.session_id = t.session_id
        AND e.client_order_id = t.client_order_id ORDER BY e.seq DESC LIMIT 1), 'submitted')
    FROM orders t \(conditions(query)) ORDER BY t.session_id, t.at, t.client_order_id
    """
  }

  static func fillQuery(_ query: HistoryQuery) -> String {
    """
    SELECT t.session_id, t.client_order_id, t.at, t.slot, t.instrument_id, t.side, t.quantity,
      t.size_precision, t.price, t.price_precision, t.fee, t.fee_currency, t.fee_precision,
      t.liquidity, t.trade_id, \(names)
    FROM fills t \(conditions(query)) ORDER BY t.session_id, t.at, t.seq
    """
  }

  static func orderRow(_ row: [SQLValue]) -> History.OrderRow? {
    guard row.count == 18, let session = row[0].integer, let id = row[1].integer,
      let time = row[2].integer, let slot = row[3].integer, let instrument = row[4].integer,
      let side = row[5].text.flatMap(side), let typeName = row[6].text,
      let quantity = row[7].integer, let sizePrecision = row[8].integer,
      let pricePrecision = row[11].integer, let tif = row[12].text.flatMap(tif),
      let reduceOnly = row[13].integer, let tag = row[14].integer, let slotName = row[15].text,
      let symbol = row[16].text, let last = row[17].text.flatMap(eventKind)
    else { return nil }
    guard quantity > 0,
      let type = orderType(typeName, limit: row[9].integer, trigger: row[10].integer, pricePrecision)
    else { return nil }
    var order = Order(
      clientOrderID: UInt64(bitPattern: id), slot: Int(slot), instrument: UInt32(instrument),
      side: side, quantity: Quantity(raw: quantity, precision: UInt8(sizePrecision)), type: type,
      timeInForce: tif, reduceOnly: reduceOnly != 0, createdAt: time)
    order.clientTag = UInt64(bitPattern: tag)
    return History.OrderRow(
      session: session, slotName: slotName, instrument: symbol,
      order: OrderRecord(order, time: time), lastEvent: last)
  }

  /// An amendment from `client_order_id, at, slot, quantity, size_precision, limit_price,
  /// trigger_price, price_precision, order_type` (the last from the order's row).
  static func amendmentRow(_ row: [SQLValue]) -> AmendmentRecord? {
    guard row.count == 9, let id = row[0].integer, let time = row[1].integer,
      let slot = row[2].integer, let quantity = row[3].integer, quantity > 0,
      let sizePrecision = row[4].integer, let pricePrecision = row[7].integer,
      let typeName = row[8].text
    else { return nil }
    guard
      let type = orderType(typeName, limit: row[5].integer, trigger: row[6].integer, pricePrecision)
    else { return nil }
    return AmendmentRecord(
      time: time, clientOrderID: UInt64(bitPattern: id), slot: Int(slot),
      quantity: Quantity(raw: quantity, precision: UInt8(sizePrecision)), type: type)
  }

  static func fillRow(_ row: [SQLValue]) -> History.FillRow? {
    guard row.count == 17, let session = row[0].integer, let id = row[1].integer,
      let time = row[2].integer, let slot = row[3].integer, let instrument = row[4].integer,
      let side = row[5].text.flatMap(side), let quantity = row[6].integer,
      let sizePrecision = row[7].integer, let price = row[8].integer,
      let pricePrecision = row[9].integer, let fee = row[10].integer, let code = row[11].text,
      let feePrecision = row[12].integer,
      let currency = Currency(code, precision: UInt8(feePrecision)),
      let liquidity = row[13].text, let trade = row[14].integer, let slotName = row[15].text,
      let symbol = row[16].text
    else { return nil }
    let fill = Fill(
      clientOrderID: UInt64(bitPattern: id), slot: Int(slot), instrument: UInt32(instrument),
      side: side, quantity: Quantity(raw: quantity, precision: UInt8(sizePrecision)),
      price: Price(raw: price, precision: UInt8(pricePrecision)),
      fee: Money(raw: fee, currency: currency), liquidity: liquidity == "maker" ? .maker : .taker,
      timestamp: time, tradeID: UInt64(bitPattern: trade))
    return History.FillRow(session: session, slotName: slotName, instrument: symbol, fill: fill)
  }

  /// An order type from its stored name and raw prices; `nil` when a price it needs is absent.
  static func orderType(_ name: String, limit: Int64?, trigger: Int64?, _ precision: Int64)
    -> OrderType?
  {
    let limit = limit.map { Price(raw: $0, precision: UInt8(precision)) }
    let trigger = trigger.map { Price(raw: $0, precision: UInt8(precision)) }
    switch (name, limit, trigger) {
    case ("market", _, _): return .market
    case ("limit", let limit?, _): return .limit(limit)
    case ("stop", _, let trigger?): return .stop(trigger: trigger)
    case ("stopLimit", let limit?, let trigger?): return .stopLimit(trigger: trigger, limit: limit)
    default: return nil
    }
  }

  // MARK: names

  static func unsigned(_ value: UInt64) -> SQLValue { .integer(Int64(bitPattern: value)) }

  static func typeName(_ type: OrderType) -> String {
    switch type {
    case .market: "market"
    case .limit: "limit"
    case .stop: "stop"
    case .stopLimit: "stopLimit"
    }
  }

  static func tifName(_ tif: TimeInForce) -> String {
    switch tif {
    case .gtc: "gtc"
    case .ioc: "ioc"
    case .fok: "fok"
    case .day: "day"
    }
  }

  static func tif(_ name: String) -> TimeInForce? {
    [TimeInForce.gtc, .ioc, .fok, .day].first { tifName($0) == name }
  }

  static func side(_ name: String) -> OrderSide? {
    name == "buy" ? .buy : name == "sell" ? .sell : nil
  }

  static func eventKind(_ name: String) -> OrderEventKind? {
    OrderEventKind.allCases.first { $0.description == name }
  }
}
