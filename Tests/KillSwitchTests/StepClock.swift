import Synchronization

/// A clock that returns 1_700_000_000_000_000_000 ns plus 1 µs per call, so each reading is
/// distinct and known.
final class StepClock: Sendable {
  static let start: Int64 = 1_700_000_000_000_000_000
  private let readings = Atomic<Int64>(0)

  func now() -> Int64 {
    Self.start + readings.add(1, ordering: .relaxed).oldValue * 1_000
  }
}
