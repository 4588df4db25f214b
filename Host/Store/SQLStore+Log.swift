import TradingModel

extension SQLStore {
  func log(session: Int64) throws(StoreError) -> SessionLog {
    try requireCurrentSchema()
    let id: [SQLValue] = [.integer(session)]
    var log = SessionLog(session: session)
    let markets = try connection.run(
      """
      SELECT resumes, fingerprint, market_start, description, risk_state FROM run_markets
      WHERE session_id = ?
      """, id)
    if let row = markets.first {
      guard let market = SQLRows.marketRow(row) else { throw corrupt("run_markets") }
      log.market = market
    }
    let orderSQL = SQLRows.orderQuery(HistoryQuery(session: session)).replacing(
      "ORDER BY t.session_id, t.at, t.client_order_id", with: "ORDER BY t.client_order_id")
    for row in try connection.run(orderSQL, id) {
      guard let decoded = SQLRows.orderRow(row) else { throw corrupt("orders") }
      log.orders.append(decoded.order)
    }
    for row in try connection.run(
      """
      SELECT client_order_id, at, slot, kind, leaves_quantity, size_precision, reason_code
      FROM order_events WHERE session_id = ? ORDER BY seq
      """, id)
    {
      guard let event = SQLRows.eventRow(row) else { throw corrupt("order_events") }
      log.orderEvents.append(event)
    }
    for row in try connection.run(
      """
      SELECT a.client_order_id, a.at, a.slot, a.quantity, a.size_precision, a.limit_price,
        a.trigger_price, a.price_precision, o.order_type
      FROM order_amendments a JOIN orders o ON o.session_id = a.session_id
        AND o.client_order_id = a.client_order_id
      WHERE a.session_id = ? ORDER BY a.seq
      """, id)
    {
      guard let amendment = SQLRows.amendmentRow(row) else { throw corrupt("order_amendments") }
      log.amendments.append(amendment)
    }
    let fillSQL = SQLRows.fillQuery(HistoryQuery(session: session)).replacing(
      "ORDER BY t.session_id, t.at, t.seq", with: "ORDER BY t.seq")
    for row in try connection.run(fillSQL, id) {
      guard let decoded = SQLRows.fillRow(row) else { throw corrupt("fills") }
      log.fills.append(decoded.fill)
    }
    for row in try connection.run(
      """
      SELECT round, at, cash, equity, currency_precision FROM rounds WHERE session_id = ?
      ORDER BY seq
      """, id)
    {
      guard let round = SQLRows.roundRow(row) else { throw corrupt("rounds") }
      log.rounds.append(round)
    }
    for row in try connection.run(
      """
      SELECT at, source, scope, action, from_state, to_state, reason FROM audit
      WHERE session_id = ? ORDER BY seq
      """, id)
    {
      guard let entry = SQLRows.auditRow(row) else { throw corrupt("audit") }
      log.audit.append(entry)
    }
    for row in try connection.run(
      """
      SELECT at, slot, name, role, strategy_id, version, sha256 FROM slot_versions
      WHERE session_id = ? ORDER BY seq
      """, id)
    {
      guard let slot = SQLRows.slotRow(row) else { throw corrupt("slot_versions") }
      log.slots.append(slot)
    }
    return log
  }

  private func corrupt(_ table: String) -> StoreError {
    StoreError(store: name, kind: .corrupt, message: "a row of \(table) cannot be read")
  }
}

extension SQLRows {
  static func marketRow(_ row: [SQLValue]) -> RunMarketRecord? {
    guard row.count == 5, let fingerprint = row[1].text, let start = row[2].integer,
      let description = row[3].text
    else { return nil }
    return RunMarketRecord(
      resumes: row[0].integer, fingerprint: fingerprint, marketStart: start,
      description: description, riskState: row[4].text)
  }

  static func eventRow(_ row: [SQLValue]) -> OrderEventRecord? {
    guard row.count == 7, let id = row[0].integer, let time = row[1].integer,
      let slot = row[2].integer, let kind = row[3].text.flatMap(eventKind),
      let leaves = row[4].integer, let precision = row[5].integer, let code = row[6].integer,
      let reason = Int32(exactly: code), let size = UInt8(exactly: precision)
    else { return nil }
    return OrderEventRecord(
      time: time, clientOrderID: UInt64(bitPattern: id), slot: Int(slot), kind: kind,
      leavesQuantity: Quantity(raw: leaves, precision: size), reasonCode: reason)
  }

  static func roundRow(_ row: [SQLValue]) -> RoundRecord? {
    guard row.count == 5, let round = row[0].integer, let time = row[1].integer,
      let cash = row[2].integer, let equity = row[3].integer, let precision = row[4].integer,
      let digits = UInt8(exactly: precision)
    else { return nil }
    return RoundRecord(round: round, time: time, cash: cash, equity: equity, precision: digits)
  }

  static func auditRow(_ row: [SQLValue]) -> AuditEntry? {
    guard row.count == 7, let time = row[0].integer, let source = row[1].text,
      let scope = row[2].text, let action = row[3].text, let reason = row[6].text
    else { return nil }
    return AuditEntry(
      time: time, source: source, scope: scope, action: action, from: row[4].text,
      to: row[5].text, reason: reason)
  }

  static func slotRow(_ row: [SQLValue]) -> SlotRecord? {
    guard row.count == 7, let time = row[0].integer, let slot = row[1].integer,
      let name = row[2].text, let role = row[3].text, let strategy = row[4].text,
      let version = row[5].text
    else { return nil }
    return SlotRecord(
      time: time, slot: Int(slot), name: name, role: role, strategyID: strategy,
      version: version, sha256: row[6].text)
  }
}
