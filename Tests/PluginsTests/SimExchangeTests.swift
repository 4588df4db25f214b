import CTradeHostPlugin
import HostTestKit
import Testing

@testable import PluginHost

/// The `sim-venue` exchange adapter, driven through the host's loader and a recording
/// environment.
@Suite struct SimExchangeTests {
  static let second: Int64 = 1_000_000_000
  static let minute = 60 * second
  /// 2024-01-02 00:00 UTC: a round start for the clock.
  static let start: Int64 = 1_704_153_600 * second

  let registry: PluginRegistry
  let environment = RecordingEnvironment(now: SimExchangeTests.start)

  init() throws {
    registry = try TestPlugins.registry()
    environment.addInstrument(id: 1, symbol: "AAA", venue: "SIM")
    environment.addInstrument(id: 2, symbol: "BBB", venue: "SIM")
  }

  /// A connected venue with AAA (and optionally BBB) subscribed to bars.
  private func makeVenue(
    seed: Int = 7, symbols: [(String, UInt32)] = [("AAA", 1)], cash: String = "100000",
    environment: RecordingEnvironment? = nil
  ) throws -> ExchangeInstance {
    let venue = try registry.makeExchange(
      "sim-venue",
      parameters: [
        ("seed", String(seed)), ("start_price", "100"), ("volatility", "0.3"),
        ("bar_interval_seconds", "60"), ("starting_cash", cash),
      ],
      environment: environment ?? self.environment)
    try venue.connect()
    for (symbol, id) in symbols {
      try venue.subscribe(symbol: symbol, instrumentID: id, dataTypes: UInt32(TH_DATA_BARS))
    }
    return venue
  }

  /// Polls minute by minute for `minutes` minutes after `start`.
  private func run(_ venue: ExchangeInstance, minutes: Int, from: Int64 = SimExchangeTests.start)
    throws
  {
    for minute in 0...minutes {
      let now = from + Int64(minute) * Self.minute
      environment.setNow(now)
      try venue.poll(now: now)
    }
  }

  private func bars(_ environment: RecordingEnvironment) -> [th_bar] {
    environment.venueEvents.compactMap(\.bar)
  }

  private func orderEvents(_ environment: RecordingEnvironment) -> [OrderEventRecord] {
    environment.venueEvents.compactMap(\.order)
  }

  private func order(
    _ id: UInt64, _ side: Int, _ type: Int, quantity: Double, limit: Double = 0,
    instrument: UInt32 = 1, timeInForce: Int = Int(TH_TIF_GTC)
  ) -> th_venue_order {
    var order = th_venue_order()
    order.instrument_id = instrument
    order.client_order_id = id
    order.side = th_side(side)
    order.type = th_order_type(type)
    order.time_in_force = th_time_in_force(timeInForce)
    order.quantity = quantity
    order.limit_price = limit
    return order
  }

  // MARK: Market

  @Test("the market is deterministic for a seed and differs between seeds")
  func deterministicMarket() throws {
    func series(seed: Int) throws -> [th_bar] {
      let recorder = RecordingEnvironment(now: Self.start)
      recorder.addInstrument(id: 1, symbol: "AAA", venue: "SIM")
      recorder.addInstrument(id: 2, symbol: "BBB", venue: "SIM")
      let venue = try makeVenue(
        seed: seed, symbols: [("AAA", 1), ("BBB", 2)], environment: recorder)
      for step in 0...300 {
        // Irregular polls: some skip several bars, which the venue catches up in time order.
        let now = Self.start + Int64(step * step % 7 + step * 3) * Self.minute / 2
        try venue.poll(now: now)
      }
      return bars(recorder)
    }
    let first = try series(seed: 11)
    let again = try series(seed: 11)
    let other = try series(seed: 12)
    #expect(first.count > 500)
    #expect(first.count == again.count)
    #expect(zip(first, again).allSatisfy(Self.same))
    #expect(!zip(first, other).allSatisfy(Self.same))

    var lastClose: [UInt32: Int64] = [:]
    var lastTime: Int64 = 0
    for bar in first {
      #expect(bar.ts_event % Self.minute == 0, "bars close on minute boundaries")
      #expect(bar.ts_event >= lastTime, "bars come in time order")
      lastTime = bar.ts_event
      if let previous = lastClose[bar.instrument_id] {
        #expect(bar.ts_event == previous + Self.minute, "no bar is skipped")
      }
      lastClose[bar.instrument_id] = bar.ts_event
      #expect(bar.high >= max(bar.open, bar.close) && bar.low <= min(bar.open, bar.close))
      #expect(bar.low > 0 && bar.volume > 0)
      for price in [bar.open, bar.high, bar.low, bar.close] {
        #expect(abs(price * 100 - (price * 100).rounded()) < 1e-6, "\(price) is off the cent grid")
      }
    }
  }

  @Test("bars start at the first minute boundary after the first poll")
  func barSchedule() throws {
    let venue = try makeVenue()
    try venue.poll(now: Self.start + 30 * Self.second)
    #expect(bars(environment).isEmpty)
    try venue.poll(now: Self.start + 59 * Self.second)
    #expect(bars(environment).isEmpty)
    try venue.poll(now: Self.start + 90 * Self.second)
    #expect(bars(environment).map(\.ts_event) == [Self.start + Self.minute])
    #expect(bars(environment).first?.open == 100)
    try venue.poll(now: Self.start + 5 * Self.minute)
    #expect(bars(environment).count == 5)
  }

  // MARK: Orders

  @Test("a market order fills at the last price")
  func marketOrderFillsAtLastPrice() throws {
    let venue = try makeVenue()
    try run(venue, minutes: 10)
    let last = try #require(bars(environment).last).close

    try venue.submit(order(1, Int(TH_SIDE_BUY), Int(TH_ORDER_MARKET), quantity: 10), symbol: "AAA")
    let events = orderEvents(environment)
    #expect(
      events.map(\.type) == [
        th_order_event_type(TH_EVENT_ACCEPTED), th_order_event_type(TH_EVENT_FILLED),
      ])
    let fill = try #require(events.last)
    #expect(fill.clientOrderID == 1)
    #expect(fill.fillPrice == last)
    #expect(fill.fillQuantity == 10)
    #expect(fill.leavesQuantity == 0)
    #expect(fill.venueOrderID == events.first?.venueOrderID)
    #expect(fill.venueOrderID != nil)

    let positions = try venue.positions()
    #expect(positions.count == 1)
    #expect(positions.first?.instrument_id == 1)
    #expect(positions.first?.quantity == 10)
    #expect(positions.first?.average_price == last)
    let balance = try #require(try venue.balances().first)
    #expect(balance.total == 100_000 - 10 * last)
    #expect(balance.available == balance.total)
    #expect(try venue.openOrders().isEmpty)
  }

  @Test("before the first bar a market order fills at the start price")
  func fillsAtStartPrice() throws {
    let venue = try makeVenue()
    try venue.submit(order(5, Int(TH_SIDE_SELL), Int(TH_ORDER_MARKET), quantity: 3), symbol: "AAA")
    #expect(orderEvents(environment).last?.fillPrice == 100)
    #expect(try venue.positions().first?.quantity == -3)
    #expect(try venue.balances().first?.total == 100_300)
  }

  @Test("a repeated client order id is a duplicate and sends nothing")
  func idempotentClientOrderIDs() throws {
    let venue = try makeVenue()
    try venue.submit(order(42, Int(TH_SIDE_BUY), Int(TH_ORDER_MARKET), quantity: 1), symbol: "AAA")
    let eventsBefore = environment.venueEvents.count
    let duplicate = #expect(throws: PluginCallError.self) {
      try venue.submit(
        order(42, Int(TH_SIDE_SELL), Int(TH_ORDER_MARKET), quantity: 5), symbol: "AAA")
    }
    #expect(duplicate?.status == th_status(TH_ERR_DUPLICATE))
    #expect(environment.venueEvents.count == eventsBefore)
    #expect(try venue.positions().first?.quantity == 1)
  }

  @Test("an order type the capabilities do not declare is rejected")
  func rejectsUndeclaredOrderType() throws {
    let venue = try makeVenue()
    let capabilities = venue.capabilities
    #expect(capabilities.order_types & (1 << UInt32(TH_ORDER_STOP)) == 0)
    #expect(capabilities.order_types & (1 << UInt32(TH_ORDER_MARKET)) != 0)

    var stop = order(9, Int(TH_SIDE_BUY), Int(TH_ORDER_STOP), quantity: 1)
    stop.stop_price = 120
    try venue.submit(stop, symbol: "AAA")
    let rejection = try #require(orderEvents(environment).last)
    #expect(rejection.type == th_order_event_type(TH_EVENT_REJECTED))
    #expect(rejection.clientOrderID == 9)
    #expect(rejection.reasonCode == 1)
    #expect(rejection.reason?.contains("order type") == true)
    #expect(try venue.positions().isEmpty)
    #expect(try venue.openOrders().isEmpty)

    // Other undeclared things: a DAY order, a post-only flag, an unsubscribed instrument.
    try venue.submit(
      order(10, Int(TH_SIDE_BUY), Int(TH_ORDER_MARKET), quantity: 1, timeInForce: Int(TH_TIF_DAY)),
      symbol: "AAA")
    var postOnly = order(11, Int(TH_SIDE_BUY), Int(TH_ORDER_LIMIT), quantity: 1, limit: 50)
    postOnly.flags = UInt32(TH_ORDER_FLAG_POST_ONLY)
    try venue.submit(postOnly, symbol: "AAA")
    try venue.submit(
      order(12, Int(TH_SIDE_BUY), Int(TH_ORDER_MARKET), quantity: 1, instrument: 2), symbol: "BBB")
    try venue.submit(order(13, Int(TH_SIDE_BUY), Int(TH_ORDER_MARKET), quantity: 0), symbol: "AAA")
    let codes = orderEvents(environment).suffix(4).map(\.reasonCode)
    #expect(codes == [2, 3, 4, 5])
    #expect(
      orderEvents(environment).suffix(4).allSatisfy {
        $0.type == th_order_event_type(TH_EVENT_REJECTED)
      })
    // A rejected id is still used up.
    #expect(throws: PluginCallError.self) {
      try venue.submit(order(9, Int(TH_SIDE_BUY), Int(TH_ORDER_MARKET), quantity: 1), symbol: "AAA")
    }
  }

  @Test("balances, positions and open orders, also through a too-small buffer")
  func queries() throws {
    let venue = try makeVenue(symbols: [("AAA", 1), ("BBB", 2)])
    try venue.submit(order(1, Int(TH_SIDE_BUY), Int(TH_ORDER_MARKET), quantity: 4), symbol: "AAA")
    try venue.submit(
      order(2, Int(TH_SIDE_SELL), Int(TH_ORDER_MARKET), quantity: 2, instrument: 2), symbol: "BBB")
    try venue.submit(order(3, Int(TH_SIDE_SELL), Int(TH_ORDER_MARKET), quantity: 1), symbol: "AAA")
    // 20 resting buys far below the market: more than the host's first buffer of 16.
    for id in 100..<120 {
      try venue.submit(
        order(UInt64(id), Int(TH_SIDE_BUY), Int(TH_ORDER_LIMIT), quantity: 2, limit: 50),
        symbol: "AAA")
    }

    let positions = try venue.positions()
    #expect(positions.map(\.instrument_id) == [1, 2])
    #expect(positions.map(\.quantity) == [3, -2])
    #expect(positions.map(\.average_price) == [100, 100])

    let balances = try venue.balances()
    #expect(balances.count == 1)
    let balance = try #require(balances.first)
    let currency = withUnsafeBytes(of: balance.currency) {
      String(decoding: $0.prefix(3), as: UTF8.self)
    }
    #expect(currency == "USD")
    let cash: Double = 100_000 - 400 + 200 + 100  // bought 4 AAA, sold 2 BBB and 1 AAA at 100
    #expect(balance.total == cash)
    let reserved: Double = 20 * 2 * 50
    #expect(balance.available == cash - reserved)

    let open = try venue.openOrders()
    #expect(open.map(\.client_order_id) == (100..<120).map(UInt64.init))
    #expect(open.allSatisfy { $0.quantity == 2 && $0.limit_price == 50 && $0.filled_quantity == 0 })
    #expect(open.allSatisfy { $0.type == th_order_type(TH_ORDER_LIMIT) && $0.instrument_id == 1 })

    // The raw ABI: a buffer of 2 gets TH_ERR_BUFFER_TOO_SMALL, the full count, and no writes.
    guard case .exchange(let table) = venue.plugin.vtable else {
      Issue.record("sim-venue is not an exchange")
      return
    }
    let instance = venue.core.instance
    var error = th_error()
    error.struct_size = UInt32(MemoryLayout<th_error>.size)
    var buffer = [th_venue_order](repeating: th_venue_order(), count: 2)
    var count: UInt32 = 0
    var status = buffer.withUnsafeMutableBufferPointer {
      table.pointee.query_open_orders!(instance, $0.baseAddress, 2, &count, &error)
    }
    #expect(status == th_status(TH_ERR_BUFFER_TOO_SMALL))
    #expect(count == 20)
    #expect(buffer.allSatisfy { $0.client_order_id == 0 && $0.symbol == nil })
    status = table.pointee.query_open_orders!(instance, nil, 0, &count, &error)
    #expect(status == th_status(TH_ERR_BUFFER_TOO_SMALL))
    #expect(count == 20)
    var positionBuffer = [th_venue_position](repeating: th_venue_position(), count: 1)
    status = positionBuffer.withUnsafeMutableBufferPointer {
      table.pointee.query_positions!(instance, $0.baseAddress, 1, &count, &error)
    }
    #expect(status == th_status(TH_ERR_BUFFER_TOO_SMALL))
    #expect(count == 2)
    status = table.pointee.query_balances!(instance, nil, 0, &count, &error)
    #expect(status == th_status(TH_ERR_BUFFER_TOO_SMALL))
    #expect(count == 1)

    // A buffer that fits: every order, with its symbol alive until the next query.
    // The host sets struct_size in every element: it is the stride the plugin writes at.
    var row = th_venue_order()
    row.struct_size = UInt32(MemoryLayout<th_venue_order>.size)
    buffer = [th_venue_order](repeating: row, count: 25)
    status = buffer.withUnsafeMutableBufferPointer {
      table.pointee.query_open_orders!(instance, $0.baseAddress, 25, &count, &error)
    }
    #expect(status == th_status(TH_OK))
    #expect(count == 20)
    #expect(buffer.prefix(20).allSatisfy { $0.symbol.map { String(cString: $0) } == "AAA" })
    #expect(buffer[0].struct_size == UInt32(MemoryLayout<th_venue_order>.size))

    // Cancel one: an event, and one fewer open order; an unknown id is not found.
    try venue.cancel(clientOrderID: 105)
    let cancelled = try #require(orderEvents(environment).last)
    #expect(cancelled.type == th_order_event_type(TH_EVENT_CANCELLED))
    #expect(cancelled.clientOrderID == 105)
    #expect(cancelled.leavesQuantity == 2)
    #expect(try venue.openOrders().count == 19)
    let reservedAfterCancel: Double = 19 * 2 * 50
    #expect(try venue.balances().first?.available == cash - reservedAfterCancel)
    let missing = #expect(throws: PluginCallError.self) { try venue.cancel(clientOrderID: 105) }
    #expect(missing?.status == th_status(TH_ERR_NOT_FOUND))
  }

  @Test("a resting limit order fills when a bar's range reaches it")
  func limitOrderFillsOnBar() throws {
    let venue = try makeVenue(seed: 3)
    try run(venue, minutes: 5)
    let last = try #require(bars(environment).last).close
    let limit = ((last - 0.05) * 100).rounded() / 100
    try venue.submit(
      order(7, Int(TH_SIDE_BUY), Int(TH_ORDER_LIMIT), quantity: 5, limit: limit), symbol: "AAA")
    #expect(orderEvents(environment).last?.type == th_order_event_type(TH_EVENT_ACCEPTED))
    #expect(try venue.openOrders().count == 1)

    var minute = 6
    while try !venue.openOrders().isEmpty && minute < 2_000 {
      let now = Self.start + Int64(minute) * Self.minute
      try venue.poll(now: now)
      minute += 1
    }
    let events = environment.venueEvents
    let fillIndex = try #require(
      events.lastIndex { $0.order?.type == th_order_event_type(TH_EVENT_FILLED) })
    let fill = try #require(events[fillIndex].order)
    let bar = try #require(events[fillIndex - 1].bar, "the fill follows the bar that caused it")
    #expect(bar.low <= limit)
    #expect(fill.fillPrice == min(limit, bar.open))
    #expect(fill.timestamp == bar.ts_event)
    #expect(try venue.positions().first?.quantity == 5)
  }

  @Test("a non-marketable IOC limit order is cancelled, a marketable one fills at the last price")
  func immediateOrCancel() throws {
    let venue = try makeVenue()
    try venue.submit(
      order(
        1, Int(TH_SIDE_BUY), Int(TH_ORDER_LIMIT), quantity: 1, limit: 90,
        timeInForce: Int(TH_TIF_IOC)),
      symbol: "AAA")
    #expect(orderEvents(environment).last?.type == th_order_event_type(TH_EVENT_CANCELLED))
    try venue.submit(
      order(
        2, Int(TH_SIDE_BUY), Int(TH_ORDER_LIMIT), quantity: 1, limit: 110,
        timeInForce: Int(TH_TIF_IOC)),
      symbol: "AAA")
    let fill = try #require(orderEvents(environment).last)
    #expect(fill.type == th_order_event_type(TH_EVENT_FILLED))
    #expect(fill.fillPrice == 100)
    #expect(try venue.openOrders().isEmpty)
  }

  // MARK: Session

  @Test("the session: connect and disconnect events, no trading while disconnected")
  func session() throws {
    let venue = try registry.makeExchange("sim-venue", environment: environment)
    #expect(venue.isPolled)
    let early = #expect(throws: PluginCallError.self) {
      try venue.submit(order(1, Int(TH_SIDE_BUY), Int(TH_ORDER_MARKET), quantity: 1), symbol: "AAA")
    }
    #expect(early?.status == th_status(TH_ERR_INVALID_STATE))
    #expect(throws: PluginCallError.self) { try venue.connect(config: [("endpoint", "x")]) }
    try venue.connect()
    #expect(environment.venueEvents.last?.type == th_venue_event_type(TH_VENUE_CONNECTED))
    let quotes = #expect(throws: PluginCallError.self) {
      try venue.subscribe(symbol: "AAA", instrumentID: 1, dataTypes: UInt32(TH_DATA_QUOTES))
    }
    #expect(quotes?.status == th_status(TH_ERR_UNSUPPORTED))
    venue.disconnect()
    let last = try #require(environment.venueEvents.last)
    #expect(last.type == th_venue_event_type(TH_VENUE_DISCONNECTED))
    #expect(last.message == "disconnected on request")
    let count = environment.venueEvents.count
    try venue.poll(now: Self.start + 10 * Self.minute)
    #expect(environment.venueEvents.count == count)
  }

  private static func same(_ a: th_bar, _ b: th_bar) -> Bool {
    a.instrument_id == b.instrument_id && a.ts_event == b.ts_event && a.open == b.open
      && a.high == b.high && a.low == b.low && a.close == b.close && a.volume == b.volume
  }
}
