/// What the host uses a GPIO line for, so an error can say which part of the wiring it is about.
public enum GPIOLineRole: Sendable, Hashable, CustomStringConvertible {
  /// The kill button's input line, requested for edge events.
  case killButton
  /// One of the status LEDs' output lines.
  case statusLight

  public var description: String {
    switch self {
    case .killButton: "the kill button"
    case .statusLight: "a status LED"
    }
  }
}
