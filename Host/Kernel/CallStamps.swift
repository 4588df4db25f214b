import Synchronization

/// Which kernel call into a strategy plugin a `CallStamp` marks.
public enum StampedCall: UInt8, Sendable, CaseIterable {
  /// `on_bar`.
  case onBar = 1
  /// `on_quote`.
  case onQuote
  /// `on_trade`.
  case onTrade
  /// `on_order_event`.
  case onOrderEvent
  /// The slot supervisor's work between events (a hot swap: `export_state`, `import_state`,
  /// the warm-up replay).
  case supervisor
  /// A venue's order entry (`submit_order` for an exchange plugin).
  case venueSubmit
  /// A venue's cancel of one order (`cancel_order`).
  case venueCancel
  /// A venue's cancel of a slot's or an instrument's orders (risk actions, the stop).
  case venueCancelAll
  /// A venue hearing a market event (`on_market_event`: matching).
  case venueMarketEvent
  /// A venue handing over what arrived from its other threads (`poll`).
  case venuePoll
  /// A streaming venue handing over its next market event.
  case venueStream
  /// A venue's amend of one order (`amend_order`).
  case venueAmend

  /// Whether the call goes into a venue (its stamp names a venue, not a slot).
  public var isVenueCall: Bool { rawValue >= Self.venueSubmit.rawValue }

  /// The call's name in reports (the C ABI's function name).
  public var name: String {
    switch self {
    case .onBar: "on_bar"
    case .onQuote: "on_quote"
    case .onTrade: "on_trade"
    case .onOrderEvent: "on_order_event"
    case .supervisor: "a slot change (export_state, import_state, warm-up)"
    case .venueSubmit: "submit_order"
    case .venueCancel: "cancel_order"
    case .venueCancelAll: "cancel_order (cancelling every order of a slot or instrument)"
    case .venueMarketEvent: "on_market_event"
    case .venuePoll: "poll"
    case .venueStream: "its next streamed market event"
    case .venueAmend: "amend_order"
    }
  }
}

/// One kernel call into a plugin in progress: which call, for which slot (a strategy call) or
/// venue (a venue call), and its sequence number (a new call has a new number even when the
/// rest repeats).
public struct CallStamp: Sendable, Equatable {
  /// The slot whose strategy is called, or for a venue call (`call.isVenueCall`) the venue's
  /// index among the kernel's venues (`nil`: the call is not one slot's).
  public var slot: Int?
  public var call: StampedCall
  /// The call's number (1, 2, ...; 40 bits, wrapping).
  public var sequence: UInt64

  /// The slot field of a call that is no slot's.
  static let noSlot: UInt64 = 0xFFFF

  /// The packed word: sequence (40 bits), slot (16 bits), call (8 bits); never 0.
  var word: UInt64 {
    let slotBits = slot.map { UInt64(clamping: max($0, 0)) } .map { min($0, Self.noSlot - 1) } ?? Self.noSlot
    return (sequence & 0xFF_FFFF_FFFF) << 24 | slotBits << 8 | UInt64(call.rawValue)
  }

  public init(slot: Int?, call: StampedCall, sequence: UInt64) {
    self.slot = slot
    self.call = call
    self.sequence = sequence
  }

  /// A call into the venue at `venue` (its index among the kernel's venues).
  public init(venue: Int, call: StampedCall, sequence: UInt64) {
    self.init(slot: venue, call: call, sequence: sequence)
  }

  /// The venue a venue call goes into (its index), `nil` for a strategy call.
  public var venue: Int? { call.isVenueCall ? slot : nil }

  /// The stamp a packed word holds (`nil` for 0, no call, or an unknown call kind).
  init?(word: UInt64) {
    guard word != 0, let call = StampedCall(rawValue: UInt8(truncatingIfNeeded: word)) else {
      return nil
    }
    let slotBits = (word >> 8) & 0xFFFF
    self.slot = slotBits == Self.noSlot ? nil : Int(slotBits)
    self.call = call
    self.sequence = word >> 24
  }
}

/// The kernel's call stamps: before each call into a strategy plugin the kernel thread stores
/// what it calls, and after it returns it stores "no call" (one relaxed atomic store each: no
/// lock, no allocation, no clock read on the hot path). A watchdog on another thread samples
/// `current` against its own clock and so sees a call that does not return (`CallWatch`).
///
/// Venue calls have a word of their own (`beginVenue`, `currentVenue`): a strategy's `on_bar`
/// submits orders inside its own call, so a venue call nests in a strategy call, and the
/// watchdog watches both words (the strategy's call stays one call however many orders it
/// sends; a venue that does not return is named as the venue).
public final class CallStamps: Sendable {
  private let word = Atomic<UInt64>(0)
  private let venueWord = Atomic<UInt64>(0)

  public init() {}

  /// [kernel-thread] A call begins.
  @inline(__always)
  public func begin(_ stamp: CallStamp) { word.store(stamp.word, ordering: .relaxed) }

  /// [kernel-thread] The call returned.
  @inline(__always)
  public func end() { word.store(0, ordering: .relaxed) }

  /// [any-thread] The call in progress, or `nil` between calls.
  public var current: CallStamp? { CallStamp(word: word.load(ordering: .relaxed)) }

  /// [kernel-thread] A venue call begins.
  @inline(__always)
  public func beginVenue(_ stamp: CallStamp) { venueWord.store(stamp.word, ordering: .relaxed) }

  /// [kernel-thread] The venue call returned.
  @inline(__always)
  public func endVenue() { venueWord.store(0, ordering: .relaxed) }

  /// [any-thread] The venue call in progress, or `nil` between venue calls.
  public var currentVenue: CallStamp? { CallStamp(word: venueWord.load(ordering: .relaxed)) }
}
