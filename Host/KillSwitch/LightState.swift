/// What the status LEDs show: one LED per trading state, or none.
public enum LightState: Sendable, Hashable, CaseIterable, CustomStringConvertible {
  /// Trading normally: green only.
  case active
  /// Reducing positions or paused: yellow only.
  case cautious
  /// Halted (by the kill switch, a limit or an operator): red only.
  case halted
  /// Shut down: all LEDs dark.
  case off

  /// Whether the green, yellow and red LED are lit, in that order.
  public var lit: (green: Bool, yellow: Bool, red: Bool) {
    switch self {
    case .active: (true, false, false)
    case .cautious: (false, true, false)
    case .halted: (false, false, true)
    case .off: (false, false, false)
    }
  }

  public var description: String {
    switch self {
    case .active: "active"
    case .cautious: "cautious"
    case .halted: "halted"
    case .off: "off"
    }
  }
}
