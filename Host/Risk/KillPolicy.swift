/// What a kill does to positions after it cancelled every resting order. Either way the scope
/// is left `halted` until an explicit resume.
public enum KillPolicy: String, Sendable, CaseIterable {
  /// Close every position at market (reduce-only IOC orders through the venue).
  case flatten
  /// Keep positions as they are.
  case freeze
}
