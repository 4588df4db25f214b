import CTradeHostPlugin
import Synchronization

/// The host side of one exchange plugin instance (its `host_ctx` environment) and the bounded
/// queue of what it emits: order events arrive from any thread (an adapter's network thread, or
/// the kernel thread inside a call into the plugin) and wait here until the kernel thread drains
/// them (`PluginVenue`).
///
/// Bounded: `capacity` messages, allocated once. A full inbox refuses the event
/// (`TH_ERR_BUFFER_TOO_SMALL` to the plugin) and counts it; the next drain reports the loss as a
/// venue fault. Taking a message out (`take`) moves it from its slot without allocating.
///
/// Thread safety: `venueEvent`, `now`, `instrument` and `log` may run on any thread at once;
/// the queue sits behind one `Mutex`, held only to copy a message in or out.
final class VenueInbox: PluginEnvironment, @unchecked Sendable {
  // @unchecked: the stored closures and tables are immutable after init; the queue is a Mutex.
  private struct Ring {
    var slots: [VenueMessage]
    var head = 0
    var count = 0
    /// Events refused since the last drain because the ring was full.
    var overflowed = 0
  }

  private let ring: Mutex<Ring>
  let capacity: Int
  private let clock: @Sendable () -> Int64
  private let instruments: [String: th_instrument_info]
  private let logSink: @Sendable (Int32, String, String) -> Void
  /// Market data the plugin emitted while it is not its instruments' source (a backtest, where
  /// the host's files are): counted and dropped.
  let ignoredMarketData = Atomic<Int>(0)
  /// Whether streamed market data is queued (the venue is its instruments' source: a live
  /// adapter in `tradehost run`) rather than dropped. Set once, before the plugin connects.
  let queuesMarketData = Atomic<Bool>(false)

  init(
    capacity: Int, instruments: [String: th_instrument_info], now: @escaping @Sendable () -> Int64,
    log: @escaping @Sendable (Int32, String, String) -> Void
  ) {
    precondition(capacity > 0, "an inbox needs room for one message")
    self.capacity = capacity
    ring = Mutex(Ring(slots: Array(repeating: VenueMessage(), count: capacity)))
    clock = now
    self.instruments = instruments
    logSink = log
  }

  func now() -> Int64 { clock() }

  func instrument(_ symbol: String) -> th_instrument_info? { instruments[symbol] }

  func log(from context: InstanceContext, level: Int32, message: String) {
    logSink(level, "venue \(context.label.isEmpty ? context.pluginID : context.label)", message)
  }

  /// [any-thread] An event from the plugin: order events are copied in (or refused when the ring
  /// is full); market data and session events are acknowledged and not queued.
  func venueEvent(_ event: th_venue_event, from context: InstanceContext) -> th_status {
    switch Int(event.type) {
    case TH_VENUE_ORDER:
      guard let order = event.order else {
        return push(VenueMessage(malformed: "an order event without its th_order_event"))
      }
      let size = UnsafeRawPointer(order).loadUnaligned(as: UInt32.self)
      guard size >= UInt32(MemoryLayout<th_order_event>.size) else {
        return push(
          VenueMessage(
            malformed: "th_order_event has struct_size \(size), shorter than the "
              + "\(MemoryLayout<th_order_event>.size) bytes of ABI 1.0"))
      }
      return push(VenueMessage(order: order.pointee))
    case TH_VENUE_BAR, TH_VENUE_QUOTE, TH_VENUE_TRADE:
      guard queuesMarketData.load(ordering: .acquiring) else {
        ignoredMarketData.add(1, ordering: .relaxed)
        return th_status(TH_OK)
      }
      return push(Self.marketMessage(event))
    case TH_VENUE_CONNECTED, TH_VENUE_DISCONNECTED:
      return th_status(TH_OK)
    default:
      return push(VenueMessage(malformed: "venue event of unknown type \(event.type)"))
    }
  }

  /// Copies a streamed bar, quote or trade, or says why it cannot be read.
  private static func marketMessage(_ event: th_venue_event) -> VenueMessage {
    func readable<T>(_ pointer: UnsafePointer<T>?, _ name: String) -> String? {
      guard let pointer else { return "a market event without its \(name)" }
      let size = UnsafeRawPointer(pointer).loadUnaligned(as: UInt32.self)
      guard size >= UInt32(MemoryLayout<T>.size) else {
        return "\(name) has struct_size \(size), shorter than the \(MemoryLayout<T>.size) bytes of ABI 1.0"
      }
      return nil
    }
    switch Int(event.type) {
    case TH_VENUE_BAR:
      if let problem = readable(event.bar, "th_bar") { return VenueMessage(malformed: problem) }
      return VenueMessage(bar: event.bar!.pointee)
    case TH_VENUE_QUOTE:
      if let problem = readable(event.quote, "th_quote") { return VenueMessage(malformed: problem) }
      return VenueMessage(quote: event.quote!.pointee)
    default:
      if let problem = readable(event.trade, "th_trade") { return VenueMessage(malformed: problem) }
      return VenueMessage(trade: event.trade!.pointee)
    }
  }

  /// Copies a message into the ring; refuses it when the ring is full.
  private func push(_ message: VenueMessage) -> th_status {
    let taken = ring.withLock { ring -> Bool in
      guard ring.count < ring.slots.count else {
        ring.overflowed += 1
        return false
      }
      ring.slots[(ring.head + ring.count) % ring.slots.count] = message
      ring.count += 1
      return true
    }
    guard taken else { return th_status(TH_ERR_BUFFER_TOO_SMALL) }
    return message.kind == .malformed ? th_status(TH_ERR_INVALID_ARGUMENT) : th_status(TH_OK)
  }

  /// [kernel-thread] Moves the oldest message into `message` (its slot is left empty); `false`
  /// when the ring is empty. Allocation-free.
  func take(into message: inout VenueMessage) -> Bool {
    ring.withLock { ring in
      guard ring.count > 0 else { return false }
      swap(&message, &ring.slots[ring.head])
      ring.slots[ring.head].kind = .none
      ring.slots[ring.head].text = nil
      ring.head = (ring.head + 1) % ring.slots.count
      ring.count -= 1
      return true
    }
  }

  /// [kernel-thread] How many events were refused since the last call (and resets the count).
  func takeOverflow() -> Int {
    ring.withLock { ring in
      defer { ring.overflowed = 0 }
      return ring.overflowed
    }
  }

  /// Whether anything waits (a cheap check before draining).
  var isEmpty: Bool { ring.withLock { $0.count == 0 && $0.overflowed == 0 } }

  // Exchange plugins place no orders and hold no positions of their own at the host.
  func submit(_ intent: th_order_intent, from context: InstanceContext, orderID: inout UInt64)
    -> th_status
  { th_status(TH_ERR_INVALID_STATE) }

  func cancel(_ clientOrderID: UInt64, from context: InstanceContext) -> th_status {
    th_status(TH_ERR_INVALID_STATE)
  }

  func position(_ instrumentID: UInt32, for context: InstanceContext) -> th_position {
    var position = th_position()
    position.struct_size = UInt32(MemoryLayout<th_position>.size)
    position.instrument_id = instrumentID
    return position
  }
}
