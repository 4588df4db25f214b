import Control
import Glibc

/// Why a GPIO chip or line could not be used. `description` is one sentence a person can act
/// on: it names the chip, the line and what the line is for, with the system's own words for
/// the cause.
public enum GPIOError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The chip could not be opened: missing (no GPIO hardware), not a GPIO character device, or
  /// no permission.
  case chipUnavailable(chip: String, errno: Int32)
  /// The chip has no line with this offset (it has `lineCount` lines).
  case noSuchLine(chip: String, line: UInt32, role: GPIOLineRole, lineCount: Int)
  /// The kernel refused the request for the line: busy (another program or driver holds it),
  /// or a flag it does not support (bias on a kernel before 5.5).
  case requestFailed(chip: String, line: UInt32, role: GPIOLineRole, errno: Int32)
  /// This source has already requested the line.
  case alreadyRequested(chip: String, line: UInt32, role: GPIOLineRole)
  /// The line (`nil`: any line) was not requested from this source for this role.
  case notRequested(chip: String, line: UInt32?, role: GPIOLineRole)
  /// Waiting for an edge, reading it, or setting an output failed: "could not <action> line N".
  case lineFailed(chip: String, line: UInt32, action: String, errno: Int32)
  /// The source was closed; its lines are released.
  case closed(chip: String)
  /// The configuration has problems; nothing was requested.
  case invalidConfiguration(GPIOConfigurationError)
  /// This kill button was started before; a button runs at most once.
  case alreadyStarted(chip: String, line: UInt32)
  /// The button's thread could not be started (`pthread_create` failed with `errno`).
  case threadStartFailed(errno: Int32)

  public var description: String {
    switch self {
    case .chipUnavailable(let chip, let code):
      "could not open the GPIO chip \(Self.devicePath(chip)): \(SystemError.message(code))"
        + Self.chipHint(code)
    case .noSuchLine(let chip, let line, let role, let count):
      "\(chip) has no line \(line) for \(role): it has \(count) lines (0 ... \(count - 1))"
    case .requestFailed(let chip, let line, let role, let code):
      "could not request line \(line) of \(chip) for \(role): \(SystemError.message(code))"
        + Self.requestHint(chip: chip, code: code, role: role)
    case .alreadyRequested(let chip, let line, let role):
      "line \(line) of \(chip) is already requested by this host; it cannot also be \(role)"
    case .notRequested(let chip, let line?, let role):
      "line \(line) of \(chip) was not requested as \(role)"
    case .notRequested(let chip, nil, let role):
      "no line of \(chip) was requested as \(role)"
    case .lineFailed(let chip, let line, let action, let code):
      "could not \(action) line \(line) of \(chip): \(SystemError.message(code))"
    case .closed(let chip):
      "the GPIO chip \(chip) was closed; its lines are released"
    case .invalidConfiguration(let error):
      "the GPIO configuration has problems:\n\(error)"
    case .alreadyStarted(let chip, let line):
      "the kill button on line \(line) of \(chip) was already started; a button runs at most once"
    case .threadStartFailed(let code):
      "could not start the kill button's thread: \(SystemError.message(code))"
    }
  }

  /// The device file a chip name stands for ("gpiochip0" is "/dev/gpiochip0").
  static func devicePath(_ chip: String) -> String {
    chip.hasPrefix("/") ? chip : "/dev/" + chip
  }

  private static func chipHint(_ code: Int32) -> String {
    switch code {
    case ENOENT:
      " (this machine has no such GPIO chip; `gpiodetect` lists the chips there are)"
    case EACCES, EPERM:
      " (give the host's user access, e.g. add it to the gpio group)"
    case ENOTTY, ENODEV:
      " (the path is not a GPIO character device)"
    default:
      ""
    }
  }

  private static func requestHint(chip: String, code: Int32, role: GPIOLineRole) -> String {
    switch code {
    case EBUSY:
      " (another program or a kernel driver holds it; `gpioinfo \(chip)` names the consumer)"
    case EINVAL where role == .killButton:
      " (a kernel before 5.5 refuses bias flags: set the bias to as-is and fit an external "
        + "pull resistor)"
    case EACCES, EPERM:
      " (give the host's user access, e.g. add it to the gpio group)"
    default:
      ""
    }
  }
}
