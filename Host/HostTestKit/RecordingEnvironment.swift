import CTradeHostPlugin
import PluginHost
import Synchronization

/// A `PluginEnvironment` for tests: a settable clock, a table of instruments, and a record of
/// everything plugins did (logs, intents, cancels, venue events). Market orders fill at once at
/// the instrument's mark price, so a strategy sees its position change as in a simple backtest.
///
/// Thread-safe (one lock around the state): adapters may emit from their own threads.
public final class RecordingEnvironment: PluginEnvironment, Sendable {
  /// One recorded order intent.
  public struct Intent: Sendable {
    public let label: String
    public let plugin: String
    public let clientOrderID: UInt64
    public let intent: th_order_intent
  }

  /// A copy of one venue event (the pointers of the original die when `venue_emit` returns).
  public struct VenueEvent: Sendable {
    public let plugin: String
    public let type: th_venue_event_type
    public let timestamp: Int64
    public let bar: th_bar?
    public let order: OrderEventRecord?
    public let reason: String?
    public let message: String?
  }

  /// One log line.
  public struct LogLine: Sendable, Equatable {
    public let plugin: String
    public let level: Int32
    public let message: String

    public init(plugin: String, level: Int32, message: String) {
      self.plugin = plugin
      self.level = level
      self.message = message
    }
  }

  private struct State {
    var now: Int64 = 0
    var instruments: [String: th_instrument_info] = [:]
    var marks: [UInt32: Double] = [:]
    var positions: [UInt32: th_position] = [:]
    var intents: [Intent] = []
    var cancels: [UInt64] = []
    var venueEvents: [VenueEvent] = []
    var logs: [LogLine] = []
    var nextOrderID: UInt64 = 1
    var refuseIntents: th_status = th_status(TH_OK)
  }

  private let state = Mutex(State())

  public init(now: Int64 = 0) {
    state.withLock { $0.now = now }
  }

  // MARK: Test controls

  /// Sets the clock.
  public func setNow(_ now: Int64) { state.withLock { $0.now = now } }

  /// Adds an instrument (id, symbol, venue, tick and lot size).
  public func addInstrument(
    id: UInt32, symbol: String, venue: String = "SIM", currency: String = "USD",
    pricePrecision: UInt32 = 2, tickSize: Double = 0.01, lotSize: Double = 1
  ) {
    var info = th_instrument_info()
    info.struct_size = UInt32(MemoryLayout<th_instrument_info>.size)
    info.instrument_id = id
    CCharArray.write(symbol, into: &info.symbol)
    CCharArray.write(venue, into: &info.venue)
    CCharArray.write(currency, into: &info.currency)
    info.price_precision = pricePrecision
    info.tick_size = tickSize
    info.lot_size = lotSize
    info.min_quantity = lotSize
    info.multiplier = 1
    state.withLock {
      $0.instruments[symbol] = info
      $0.instruments["\(symbol).\(venue)"] = info
    }
  }

  /// The price market orders fill at.
  public func setMark(_ price: Double, instrument: UInt32) {
    state.withLock { $0.marks[instrument] = price }
  }

  /// Makes `submit` answer `status` (TH_OK restores normal service).
  public func refuseIntents(with status: th_status) {
    state.withLock { $0.refuseIntents = status }
  }

  // MARK: Records

  public var intents: [Intent] { state.withLock { $0.intents } }
  public var cancels: [UInt64] { state.withLock { $0.cancels } }
  public var venueEvents: [VenueEvent] { state.withLock { $0.venueEvents } }
  public var logs: [LogLine] { state.withLock { $0.logs } }
  public func position(_ instrument: UInt32) -> th_position {
    state.withLock { $0.positions[instrument] ?? Self.flat(instrument) }
  }

  // MARK: PluginEnvironment

  public func now() -> Int64 { state.withLock { $0.now } }

  public func instrument(_ symbol: String) -> th_instrument_info? {
    state.withLock { $0.instruments[symbol] }
  }

  public func log(from context: InstanceContext, level: Int32, message: String) {
    let line = LogLine(plugin: context.pluginID, level: level, message: message)
    state.withLock { $0.logs.append(line) }
  }

  public func submit(
    _ intent: th_order_intent, from context: InstanceContext, orderID: inout UInt64
  )
    -> th_status
  {
    let label = context.label
    let plugin = context.pluginID
    return state.withLock { state in
      guard state.refuseIntents == th_status(TH_OK) else { return state.refuseIntents }
      let id = state.nextOrderID
      state.nextOrderID += 1
      state.intents.append(
        Intent(label: label, plugin: plugin, clientOrderID: id, intent: intent))
      if Int(intent.type) == Int(TH_ORDER_MARKET), let mark = state.marks[intent.instrument_id] {
        var position = state.positions[intent.instrument_id] ?? Self.flat(intent.instrument_id)
        let signed = Int(intent.side) == Int(TH_SIDE_BUY) ? intent.quantity : -intent.quantity
        let newQuantity = position.quantity + signed
        if newQuantity == 0 {
          position.average_price = 0
        } else if (position.quantity >= 0) == (signed > 0) {
          position.average_price =
            (position.average_price * abs(position.quantity) + mark * abs(signed))
            / abs(newQuantity)
        } else if (newQuantity > 0) != (position.quantity > 0) {
          position.average_price = mark
        }
        position.quantity = newQuantity
        state.positions[intent.instrument_id] = position
      }
      orderID = id
      return th_status(TH_OK)
    }
  }

  public func cancel(_ clientOrderID: UInt64, from context: InstanceContext) -> th_status {
    state.withLock { $0.cancels.append(clientOrderID) }
    return th_status(TH_OK)
  }

  public func position(_ instrumentID: UInt32, for context: InstanceContext) -> th_position {
    position(instrumentID)
  }

  public func venueEvent(_ event: th_venue_event, from context: InstanceContext) -> th_status {
    let order = event.order.map { $0.pointee }
    let copy = VenueEvent(
      plugin: context.pluginID, type: event.type, timestamp: event.ts_event,
      bar: event.bar.map { $0.pointee }, order: order.map(OrderEventRecord.init),
      reason: order?.reason.map { String(cString: $0) },
      message: event.message.map { String(cString: $0) })
    state.withLock { $0.venueEvents.append(copy) }
    return th_status(TH_OK)
  }

  // MARK: Helpers

  private static func flat(_ instrument: UInt32) -> th_position {
    var position = th_position()
    position.struct_size = UInt32(MemoryLayout<th_position>.size)
    position.instrument_id = instrument
    return position
  }

}
