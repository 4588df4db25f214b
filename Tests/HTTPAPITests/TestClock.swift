import Synchronization

/// A clock the tests move by hand (ns).
final class TestClock: Sendable {
  private let time = Atomic<Int64>(1_000_000_000)

  var now: Int64 { time.load(ordering: .relaxed) }

  func advance(seconds: Double) {
    time.add(Int64(seconds * 1e9), ordering: .relaxed)
  }
}
