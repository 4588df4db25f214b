/// The internal resistor a requested input line gets (libgpiod 1.5 and kernel 5.5 or later;
/// older kernels refuse any value but `asIs`).
public enum GPIOBias: Sendable, Hashable, CustomStringConvertible {
  /// Leave the line's bias as the firmware or device tree set it (for an external resistor).
  case asIs
  /// No internal resistor: the line floats unless something drives it.
  case disabled
  /// The internal pull-up: the line reads high until a button connects it to ground.
  case pullUp
  /// The internal pull-down: the line reads low until a button connects it to 3.3 V.
  case pullDown

  public var description: String {
    switch self {
    case .asIs: "as-is"
    case .disabled: "disabled"
    case .pullUp: "pull-up"
    case .pullDown: "pull-down"
    }
  }
}
