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

  /// The call's name in reports (the C ABI's function name).
  public var name: String {
    switch self {
    case .onBar: "on_bar"
    case .onQuote: "on_quote"
    case .onTrade: "on_trade"
    case .onOrderEvent: "on_order_event"
    case .supervisor: "a slot change (export_state, import_state, warm-up)"
    }
  }
}

/// One kernel call into a plugin in progress: which call, for which slot, and its sequence
/// number (a new call has a new number even when slot and kind repeat).
public struct CallStamp: Sendable, Equatable {
  /// The slot whose strategy is called (`nil`: the call is not one slot's).
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
public final class CallStamps: Sendable {
  private let word = Atomic<UInt64>(0)

  public init() {}

  /// [kernel-thread] A call begins.
  @inline(__always)
  public func begin(_ stamp: CallStamp) { word.store(stamp.word, ordering: .relaxed) }

  /// [kernel-thread] The call returned.
  @inline(__always)
  public func end() { word.store(0, ordering: .relaxed) }

  /// [any-thread] The call in progress, or `nil` between calls.
  public var current: CallStamp? { CallStamp(word: word.load(ordering: .relaxed)) }
}
