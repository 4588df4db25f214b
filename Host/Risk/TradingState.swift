/// How much trading a level (the account, a slot, an instrument) allows, from least to most
/// restrictive. An order meets the most restrictive state of its account, slot and instrument
/// (and of any open breaker).
public enum TradingState: UInt8, Comparable, Sendable, CaseIterable, CustomStringConvertible {
  /// Every order the other checks approve passes.
  case active = 0
  /// Only orders that reduce the slot's position pass (shrunk to the position when they would
  /// go through it).
  case reducing = 1
  /// No new order passes; resting orders stay and may fill.
  case paused = 2
  /// No new order passes; resting orders were cancelled when the level halted.
  case halted = 3

  public static func < (lhs: TradingState, rhs: TradingState) -> Bool {
    lhs.rawValue < rhs.rawValue
  }

  public var description: String {
    switch self {
    case .active: "active"
    case .reducing: "reducing"
    case .paused: "paused"
    case .halted: "halted"
    }
  }

  /// Parses `active`, `reducing`, `paused` or `halted`.
  public init?(name: String) {
    guard let state = Self.allCases.first(where: { $0.description == name }) else { return nil }
    self = state
  }
}
