import TradingModel

/// A store in memory, for tests and for runs that keep nothing: the same contract as the SQL
/// stores (append-only, one batch or nothing, a client order id once per session), checked by
/// the same conformance suite. Gone with the process.
public final class MemoryStore: Store {
  private var version = 0
  private var applied: [SchemaStatus.Applied] = []
  private var sessionList: [SessionRecord] = []
  /// Every record appended, with its session, in order.
  public private(set) var records: [(session: Int64, record: JournalRecord)] = []
  private var orderIDs: Set<[Int64]> = []

  public init() {}

  public var name: String { "memory store" }

  public func status() throws(StoreError) -> SchemaStatus {
    SchemaStatus(version: version, latest: SchemaMigration.latest, applied: applied)
  }

  @discardableResult
  public func migrate(at time: Int64) throws(StoreError) -> [SchemaMigration] {
    let pending = try status().pending
    for migration in pending {
      applied.append(.init(version: migration.version, name: migration.name, appliedAt: time))
      version = migration.version
    }
    return pending
  }

  public func beginSession(at time: Int64, note: String) throws(StoreError) -> Int64 {
    try requireSchema()
    let id = (sessionList.last?.id ?? 0) + 1
    sessionList.append(SessionRecord(id: id, startedAt: time, note: note, stoppedAt: nil))
    return id
  }

  public func append(_ batch: [JournalRecord], session: Int64) throws(StoreError) {
    try requireSchema()
    guard let index = sessionList.firstIndex(where: { $0.id == session }) else {
      throw StoreError(store: name, kind: .failed, message: "no session \(session)")
    }
    var newIDs: [[Int64]] = []
    var stop: Int64?
    for record in batch {
      switch record {
      case .order(let order):
        let key = [session, Int64(bitPattern: order.clientOrderID)]
        guard !orderIDs.contains(key), !newIDs.contains(key) else {
          throw StoreError(
            store: name, kind: .duplicate,
            message:
              "order \(order.clientOrderID) is already journaled in session \(session); nothing of this batch was written"
          )
        }
        newIDs.append(key)
      case .runMarket:
        guard !records.contains(where: { $0.session == session && Self.isMarket($0.record) }),
          !batch.contains(where: { Self.isMarket($0) }) || batch.filter(Self.isMarket).count == 1
        else {
          throw StoreError(
            store: name, kind: .duplicate,
            message: "session \(session) has its market record already")
        }
      case .stop(let time):
        guard sessionList[index].stoppedAt == nil, stop == nil else {
          throw StoreError(
            store: name, kind: .duplicate, message: "session \(session) already stopped")
        }
        stop = time
      default: break
      }
    }
    orderIDs.formUnion(newIDs)
    if let stop { sessionList[index].stoppedAt = stop }
    records += batch.map { (session, $0) }
  }

  public func sessions() throws(StoreError) -> [SessionRecord] {
    try requireSchema()
    return sessionList
  }

  public func history(_ query: HistoryQuery) throws(StoreError) -> History {
    try requireSchema()
    var slotNames: [[Int64]: String] = [:]
    var instruments: [[Int64]: String] = [:]
    var lastEvents: [[Int64]: OrderEventKind] = [:]
    for (session, record) in records {
      switch record {
      case .slot(let slot): slotNames[[session, Int64(slot.slot)]] = slot.name
      case .instrument(let instrument):
        instruments[[session, Int64(instrument.id)]] = "\(instrument.symbol).\(instrument.venue)"
      case .orderEvent(let event):
        lastEvents[[session, Int64(bitPattern: event.clientOrderID)]] = event.kind
      default: break
      }
    }
    func matches(session: Int64, slot: SlotID, time: Int64) -> Bool {
      if let wanted = query.session, wanted != session { return false }
      if let since = query.since, time < since { return false }
      if let name = query.slot {
        let named = records.contains {
          if $0.session == session, case .slot(let record) = $0.record {
            return record.slot == slot && record.name == name
          }
          return false
        }
        if !named { return false }
      }
      return true
    }
    var orders: [History.OrderRow] = []
    var fills: [History.FillRow] = []
    for (session, record) in records {
      switch record {
      case .order(let order) where matches(session: session, slot: order.slot, time: order.time):
        orders.append(
          .init(
            session: session, slotName: slotNames[[session, Int64(order.slot)]] ?? "",
            instrument: instruments[[session, Int64(order.instrument)]] ?? "", order: order,
            lastEvent: lastEvents[[session, Int64(bitPattern: order.clientOrderID)]] ?? .submitted))
      case .fill(let fill) where matches(session: session, slot: fill.slot, time: fill.timestamp):
        fills.append(
          .init(
            session: session, slotName: slotNames[[session, Int64(fill.slot)]] ?? "",
            instrument: instruments[[session, Int64(fill.instrument)]] ?? "", fill: fill))
      default: break
      }
    }
    orders.sort { ($0.session, $0.order.time, $0.order.clientOrderID) < ($1.session, $1.order.time, $1.order.clientOrderID) }
    // Stable: fills keep their journal order within a time.
    fills = fills.enumerated().sorted {
      ($0.element.session, $0.element.fill.timestamp, $0.offset)
        < ($1.element.session, $1.element.fill.timestamp, $1.offset)
    }.map(\.element)
    return History(orders: orders, fills: fills)
  }

  private static func isMarket(_ record: JournalRecord) -> Bool {
    if case .runMarket = record { return true }
    return false
  }

  private func requireSchema() throws(StoreError) {
    guard version == SchemaMigration.latest else {
      throw StoreError(
        store: name, kind: .missing,
        message: "no journal here yet (run `tradehost db migrate`, or start a host on it)")
    }
  }
}

extension MemoryStore {
  public func log(session: Int64) throws(StoreError) -> SessionLog {
    guard try status().version == SchemaMigration.latest else {
      throw StoreError(
        store: name, kind: .missing,
        message: "no journal here yet (run `tradehost db migrate`, or start a host on it)")
    }
    var log = SessionLog(session: session)
    for (owner, record) in records where owner == session {
      switch record {
      case .runMarket(let market): log.market = market
      case .order(let order): log.orders.append(order)
      case .orderEvent(let event): log.orderEvents.append(event)
      case .fill(let fill): log.fills.append(fill)
      case .amendment(let amendment): log.amendments.append(amendment)
      case .round(let round): log.rounds.append(round)
      case .audit(let entry): log.audit.append(entry)
      case .slot(let slot): log.slots.append(slot)
      case .instrument, .deployment, .stop: break
      }
    }
    log.orders.sort { $0.clientOrderID < $1.clientOrderID }
    return log
  }
}
