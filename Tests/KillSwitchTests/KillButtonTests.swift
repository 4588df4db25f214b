import HostTestKit
import Glibc
import KillSwitch
import Synchronization
import Testing

@Suite("KillButton: one handler call per press, through a scripted line")
struct KillButtonTests {
  private static let ms: Int64 = 1_000_000
  private static let base: Int64 = 7_000 * ms

  private static func edge(_ edge: GPIOEdge, at milliseconds: Int64) -> GPIOEdgeEvent {
    GPIOEdgeEvent(edge: edge, timestamp: base + milliseconds * ms)
  }

  /// A started button on a fresh scripted source, with its presses and failures recorded.
  private struct Rig {
    let source = ScriptedLineSource(chip: "gpiochip0")
    let clock = StepClock()
    let presses = Recorder<KillButtonPress>()
    let failures = Recorder<GPIOError>()
    let button: KillButton

    init(configuration: GPIOConfiguration = GPIOConfiguration()) {
      let (clock, presses, failures) = (self.clock, self.presses, self.failures)
      button = KillButton(
        source: source, configuration: configuration, clock: { clock.now() },
        onFailure: { failures.record($0) }, handler: { presses.record($0) })
    }
  }

  @Test func aBouncingPressAndReleaseFireOnce() throws {
    let rig = Rig()
    try rig.button.start()
    defer { rig.button.stop() }
    rig.source.enqueue([
      Self.edge(.falling, at: 0), Self.edge(.rising, at: 1), Self.edge(.falling, at: 3),
      Self.edge(.rising, at: 7), Self.edge(.falling, at: 9),  // press bounce
      Self.edge(.rising, at: 420), Self.edge(.falling, at: 422), Self.edge(.rising, at: 425),
    ])
    #expect(rig.source.waitUntilIdle(timeout: .seconds(10)))
    #expect(
      rig.presses.all == [
        KillButtonPress(
          time: StepClock.start, edgeTimestamp: Self.base, edge: .falling, line: 17)
      ])
  }

  @Test func eachSeparatePressFiresInOrder() throws {
    let rig = Rig()
    try rig.button.start()
    defer { rig.button.stop() }
    var script: [GPIOEdgeEvent] = []
    for press in 0..<3 {
      let start = Int64(press) * 1_000
      script += [Self.edge(.falling, at: start), Self.edge(.rising, at: start + 2)]
      script += [Self.edge(.rising, at: start + 300), Self.edge(.falling, at: start + 301)]
    }
    rig.source.enqueue(script)
    #expect(rig.presses.waitFor(3))
    #expect(rig.source.waitUntilIdle(timeout: .seconds(10)))
    let presses = rig.presses.all
    #expect(presses.map(\.edgeTimestamp) == [0, 1_000, 2_000].map { Self.base + $0 * Self.ms })
    #expect(presses.map(\.time) == [0, 1, 2].map { StepClock.start + $0 * 1_000 })
  }

  @Test func risingEdgesAreNotPressesOfAFallingButton() throws {
    let rig = Rig()
    try rig.button.start()
    defer { rig.button.stop() }
    rig.source.enqueue([
      Self.edge(.rising, at: 0), Self.edge(.rising, at: 500), Self.edge(.rising, at: 1_000),
    ])
    #expect(rig.source.waitUntilIdle(timeout: .seconds(10)))
    #expect(rig.presses.all.isEmpty)
  }

  @Test func aRisingButtonFiresOnRisingEdges() throws {
    let rig = Rig(configuration: GPIOConfiguration(buttonEdge: .rising, buttonBias: .pullDown))
    try rig.button.start()
    defer { rig.button.stop() }
    rig.source.enqueue([Self.edge(.falling, at: 0), Self.edge(.rising, at: 200)])
    #expect(rig.source.waitUntilIdle(timeout: .seconds(10)))
    #expect(rig.presses.all.map(\.edge) == [.rising])
    #expect(rig.source.buttonRequest?.bias == .pullDown)
  }

  @Test func startRequestsTheConfiguredLineAndWaitsBoundedly() throws {
    let rig = Rig()
    try rig.button.start()
    defer { rig.button.stop() }
    #expect(rig.source.waitUntilIdle(timeout: .seconds(10)))
    #expect(
      rig.source.buttonRequest
        == ScriptedLineSource.ButtonRequest(line: 17, bias: .pullUp, consumer: "tradehost"))
    #expect(rig.source.lastWaitTimeout == rig.button.pollInterval)
  }

  @Test func stopEndsTheThreadAndLaterEdgesAreLeftAlone() throws {
    let rig = Rig()
    try rig.button.start()
    #expect(rig.source.waitUntilIdle(timeout: .seconds(10)))
    rig.button.stop()  // Returns once the thread is joined.
    let waits = rig.source.waitCount
    rig.source.enqueue([Self.edge(.falling, at: 0)])
    rig.button.stop()  // Idempotent.
    #expect(rig.source.waitCount == waits)
    #expect(rig.source.pendingEdges == 1)
    #expect(rig.presses.all.isEmpty)
    #expect(throws: GPIOError.alreadyStarted(chip: "gpiochip0", line: 17)) {
      try rig.button.start()
    }
  }

  @Test func aHandlerMayStopTheButton() throws {
    let source = ScriptedLineSource()
    let stopped = Recorder<Int64>()
    let holder = Mutex<KillButton?>(nil)
    let button = KillButton(
      source: source, configuration: GPIOConfiguration(), clock: { 0 }, onFailure: { _ in },
      handler: { press in
        holder.withLock { $0 }?.stop()
        stopped.record(press.edgeTimestamp)
      })
    holder.withLock { $0 = button }
    try button.start()
    source.enqueue([Self.edge(.falling, at: 0)])
    #expect(stopped.waitFor(1))
    button.stop()
    #expect(stopped.all == [Self.base])
    holder.withLock { $0 = nil }
  }

  @Test func aFailingLineIsReportedOnceAndEndsTheThread() throws {
    let rig = Rig()
    try rig.button.start()
    defer { rig.button.stop() }
    rig.source.enqueue([Self.edge(.falling, at: 0)])
    rig.source.failNextWait(errno: EIO)
    #expect(rig.failures.waitFor(1))
    #expect(
      rig.failures.all == [
        .lineFailed(chip: "gpiochip0", line: 17, action: "wait for an edge on", errno: EIO)
      ])
    #expect(rig.presses.all.count == 1)
    #expect(rig.failures.all.first?.description.contains("Input/output error") == true)
  }

  @Test func startRefusesABadConfigurationAndABusyLine() throws {
    var bad = GPIOConfiguration()
    bad.redLine = 17
    let invalid = Rig(configuration: bad)
    #expect {
      try invalid.button.start()
    } throws: { error in
      guard case GPIOError.invalidConfiguration(let problems) = error else { return false }
      return problems.problems.map(\.field) == ["redLine"]
    }
    #expect(invalid.source.buttonRequest == nil)

    let busy = Rig()
    busy.source.refuseRequests(of: 17, errno: EBUSY)
    let expected = GPIOError.requestFailed(
      chip: "gpiochip0", line: 17, role: .killButton, errno: EBUSY)
    #expect(throws: expected) { try busy.button.start() }
    #expect(
      expected.description
        == "could not request line 17 of gpiochip0 for the kill button: Device or resource "
        + "busy (another program or a kernel driver holds it; `gpioinfo gpiochip0` names the "
        + "consumer)")
  }

  @Test func thePollIntervalMustKeepStopPrompt() {
    let source = ScriptedLineSource()
    for interval in [Duration.zero, .seconds(5)] {
      let button = KillButton(
        source: source, configuration: GPIOConfiguration(), clock: { 0 }, pollInterval: interval,
        onFailure: { _ in }, handler: { _ in })
      #expect {
        try button.start()
      } throws: { error in
        guard case GPIOError.invalidConfiguration(let problems) = error else { return false }
        return problems.problems.map(\.field) == ["pollInterval"]
      }
    }
  }
}
