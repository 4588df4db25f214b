import CTradeHostPlugin
import Dispatch
import HostTestKit
import Testing

@testable import PluginHost

/// The bounded queue between an exchange plugin's threads and the kernel thread.
@Suite("Venue inbox")
struct VenueInboxTests {
  /// An accepted-order event for `id`.
  static func accepted(_ id: UInt64) -> th_order_event {
    var event = th_order_event()
    event.struct_size = UInt32(MemoryLayout<th_order_event>.size)
    event.type = th_order_event_type(TH_EVENT_ACCEPTED)
    event.client_order_id = id
    return event
  }

  /// Emits `event` as an adapter would (`venue_emit`'s argument).
  static func emit(_ event: th_order_event, to inbox: VenueInbox, from context: InstanceContext)
    -> th_status
  {
    withUnsafePointer(to: event) { pointer in
      var wrapper = th_venue_event()
      wrapper.struct_size = UInt32(MemoryLayout<th_venue_event>.size)
      wrapper.type = th_venue_event_type(TH_VENUE_ORDER)
      wrapper.order = pointer
      return inbox.venueEvent(wrapper, from: context)
    }
  }

  @Test("four adapter threads emit at once: every event is either queued once or refused and counted")
  func concurrentEmitters() {
    let registry = PluginRegistry()  // the context refers to it unowned
    let inbox = VenueInbox(
      capacity: 1_000, instruments: [:], now: { 0 }, log: { _, _, _ in })
    // Adapter threads share the context as the C ABI's host_ctx: read-only from them.
    nonisolated(unsafe) let context = InstanceContext(
      pluginID: "venue", kind: .exchange, environment: inbox, registry: registry,
      label: "")
    let threads = 4
    let perThread = 500
    let refused = Recorder<Int>()
    DispatchQueue.concurrentPerform(iterations: threads) { thread in
      var mine = 0
      for index in 0..<perThread {
        let id = UInt64(thread * perThread + index + 1)
        if Self.emit(Self.accepted(id), to: inbox, from: context)
          == th_status(TH_ERR_BUFFER_TOO_SMALL)
        {
          mine += 1
        }
      }
      refused.record(mine)
    }
    var message = VenueMessage()
    var ids = Set<UInt64>()
    while inbox.take(into: &message) { ids.insert(message.clientOrderID) }
    let refusedCount = refused.all.reduce(0, +)
    #expect(ids.count == 1_000)
    #expect(refusedCount == threads * perThread - 1_000)
    #expect(inbox.takeOverflow() == refusedCount)
    #expect(inbox.isEmpty)
    withExtendedLifetime(registry) {}
  }

  @Test("a short order event and an unknown event type are queued as malformed and answered with an error")
  func malformed() {
    let registry = PluginRegistry()  // the context refers to it unowned
    let inbox = VenueInbox(capacity: 4, instruments: [:], now: { 0 }, log: { _, _, _ in })
    let context = InstanceContext(
      pluginID: "venue", kind: .exchange, environment: inbox, registry: registry,
      label: "")
    var short = Self.accepted(1)
    short.struct_size = 16
    #expect(Self.emit(short, to: inbox, from: context) == th_status(TH_ERR_INVALID_ARGUMENT))
    var unknown = th_venue_event()
    unknown.struct_size = UInt32(MemoryLayout<th_venue_event>.size)
    unknown.type = 99
    #expect(inbox.venueEvent(unknown, from: context) == th_status(TH_ERR_INVALID_ARGUMENT))
    var message = VenueMessage()
    #expect(inbox.take(into: &message) && message.kind == .malformed)
    #expect(message.text?.contains("struct_size 16") == true)
    #expect(inbox.take(into: &message) && message.text?.contains("unknown type 99") == true)
    #expect(!inbox.take(into: &message))
    withExtendedLifetime(registry) {}
  }
}
