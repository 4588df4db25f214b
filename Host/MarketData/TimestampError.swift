/// Why a timestamp field was refused. Pure data; `description` completes the sentence
/// `"<field>" ...`.
public enum TimestampError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The text does not have the expected form (a description of the form).
  case malformed(expected: String)
  /// The text has the form but names no real instant (`month 13 does not exist`).
  case invalid(String)
  /// The instant lies outside what `Int64` nanoseconds hold (1677-09-21 ... 2262-04-11).
  case outOfRange

  public var description: String {
    switch self {
    case .malformed(let expected): "is not a timestamp of the form \(expected)"
    case .invalid(let reason): "is not a valid timestamp: \(reason)"
    case .outOfRange: "is outside the range of 64-bit nanosecond timestamps (1677...2262)"
    }
  }
}
