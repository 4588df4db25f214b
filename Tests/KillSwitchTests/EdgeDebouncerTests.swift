import KillSwitch
import Testing

@Suite("EdgeDebouncer: presses apart from contact bounce")
struct EdgeDebouncerTests {
  private let ms: Int64 = 1_000_000

  private func falling(_ milliseconds: Int64) -> GPIOEdgeEvent {
    GPIOEdgeEvent(edge: .falling, timestamp: 5_000 * ms + milliseconds * ms)
  }

  private func rising(_ milliseconds: Int64) -> GPIOEdgeEvent {
    GPIOEdgeEvent(edge: .rising, timestamp: 5_000 * ms + milliseconds * ms)
  }

  @Test func theFirstPressEdgeIsAPress() {
    var debouncer = EdgeDebouncer(window: .milliseconds(50), pressEdge: .falling)
    #expect(debouncer.lastAccepted == nil)
    #expect(debouncer.classify(falling(0)) == .press)
    #expect(debouncer.lastAccepted == falling(0).timestamp)
  }

  @Test func edgesInsideTheWindowAreBounceAndTheWindowEndIsNot() {
    var debouncer = EdgeDebouncer(window: .milliseconds(50), pressEdge: .falling)
    #expect(debouncer.classify(falling(0)) == .press)
    #expect(debouncer.classify(rising(1)) == .bounce)
    #expect(debouncer.classify(falling(2)) == .bounce)
    #expect(debouncer.classify(rising(49)) == .bounce)
    #expect(debouncer.classify(rising(50)) == .release)
  }

  @Test func bounceDoesNotExtendTheWindow() {
    // Measured from the last accepted edge, not from the last bounce.
    var debouncer = EdgeDebouncer(window: .milliseconds(50), pressEdge: .falling)
    #expect(debouncer.classify(falling(0)) == .press)
    #expect(debouncer.classify(rising(30)) == .bounce)
    #expect(debouncer.classify(rising(60)) == .release)
    #expect(debouncer.lastAccepted == rising(60).timestamp)
  }

  @Test func aReleaseThatBouncesGivesNoPress() {
    var debouncer = EdgeDebouncer(window: .milliseconds(50), pressEdge: .falling)
    let edges = [falling(0), rising(2), falling(3), rising(400), falling(401), rising(404)]
    #expect(
      edges.map { debouncer.classify($0) } == [
        .press, .bounce, .bounce, .release, .bounce, .bounce,
      ])
  }

  @Test func aRisingPressEdgeMakesFallingTheRelease() {
    var debouncer = EdgeDebouncer(window: .milliseconds(50), pressEdge: .rising)
    #expect(debouncer.classify(rising(0)) == .press)
    #expect(debouncer.classify(falling(300)) == .release)
    #expect(debouncer.classify(rising(900)) == .press)
  }

  @Test func aZeroWindowAcceptsEveryEdge() {
    var debouncer = EdgeDebouncer(window: .zero, pressEdge: .falling)
    #expect(debouncer.classify(falling(0)) == .press)
    #expect(debouncer.classify(falling(0)) == .press)
    #expect(debouncer.classify(rising(0)) == .release)
    #expect(EdgeDebouncer(window: .milliseconds(-5), pressEdge: .falling).window == 0)
  }

  @Test func anEdgeStampedBeforeTheLastOneIsAccepted() {
    // A wall-clock step backwards must not swallow presses until the clock catches up.
    var debouncer = EdgeDebouncer(window: .milliseconds(50), pressEdge: .falling)
    #expect(debouncer.classify(falling(1_000)) == .press)
    #expect(debouncer.classify(rising(1_100)) == .release)
    #expect(debouncer.classify(falling(10)) == .press)
  }

  @Test func extremeTimestampsDoNotTrap() {
    var debouncer = EdgeDebouncer(window: .milliseconds(50), pressEdge: .falling)
    #expect(debouncer.classify(GPIOEdgeEvent(edge: .falling, timestamp: .min)) == .press)
    #expect(debouncer.classify(GPIOEdgeEvent(edge: .falling, timestamp: .max)) == .press)
  }
}
