/// Which way a GPIO input changed.
public enum GPIOEdge: Sendable, Hashable, CustomStringConvertible {
  /// From low to high: a button wired to 3.3 V with a pull-down is pressed, or one wired to
  /// ground with a pull-up is released.
  case rising
  /// From high to low: a button wired to ground with a pull-up is pressed.
  case falling

  public var description: String {
    switch self {
    case .rising: "rising"
    case .falling: "falling"
    }
  }
}
