import Dispatch
import Glibc
import KillSwitch
import Testing

@Suite("StatusLights: one LED per trading state, written only on change")
struct StatusLightsTests {
  private typealias Write = ScriptedLineSource.OutputWrite

  /// The physical levels of green, yellow and red.
  private func levels(_ source: ScriptedLineSource) -> [Bool?] {
    [source.level(of: 22), source.level(of: 23), source.level(of: 24)]
  }

  @Test func theLinesAreRequestedDark() throws {
    let source = ScriptedLineSource()
    let lights = try StatusLights(source: source, configuration: GPIOConfiguration())
    #expect(
      source.outputRequests
        == [22, 23, 24].map {
          ScriptedLineSource.OutputRequest(line: $0, initialValue: false, consumer: "tradehost")
        })
    #expect(source.writes.isEmpty)
    #expect(lights.state == .off)
  }

  @Test func eachStateLightsItsOwnLEDOnly() throws {
    let source = ScriptedLineSource()
    let lights = try StatusLights(source: source, configuration: GPIOConfiguration())
    let expected: [(LightState, [Bool?])] = [
      (.active, [true, false, false]), (.cautious, [false, true, false]),
      (.halted, [false, false, true]), (.off, [false, false, false]),
      (.halted, [false, false, true]), (.active, [true, false, false]),
    ]
    for (state, wanted) in expected {
      try lights.update(state)
      #expect(levels(source) == wanted, "\(state)")
      #expect(lights.state == state)
    }
  }

  @Test func onlyChangedLinesAreWrittenDarkOnesFirst() throws {
    let source = ScriptedLineSource()
    let lights = try StatusLights(source: source, configuration: GPIOConfiguration())
    try lights.update(.active)
    #expect(source.writes == [Write(line: 22, value: true)])
    try lights.update(.active)
    try lights.update(.active)
    #expect(source.writes.count == 1)
    try lights.update(.halted)
    #expect(
      source.writes.dropFirst(1) == [Write(line: 22, value: false), Write(line: 24, value: true)])
    try lights.update(.off)
    #expect(source.writes.dropFirst(3) == [Write(line: 24, value: false)])
    try lights.update(.off)
    #expect(source.writes.count == 4)
  }

  @Test func activeLowLEDsAreLitByALowLine() throws {
    let source = ScriptedLineSource()
    let lights = try StatusLights(
      source: source, configuration: GPIOConfiguration(ledsActiveLow: true))
    #expect(source.outputRequests.map(\.initialValue) == [true, true, true])
    try lights.update(.cautious)
    #expect(source.writes == [Write(line: 23, value: false)])
    #expect(levels(source) == [true, false, true])
    try lights.update(.active)
    #expect(levels(source) == [false, true, true])
    try lights.update(.off)
    #expect(levels(source) == [true, true, true])
  }

  @Test func aFailedWriteIsThrownAndRetriedByTheNextUpdate() throws {
    let source = ScriptedLineSource()
    let lights = try StatusLights(source: source, configuration: GPIOConfiguration())
    try lights.update(.active)
    source.failNextWrite(of: 24, errno: EIO)
    #expect(
      throws: GPIOError.lineFailed(chip: "scripted-chip", line: 24, action: "set", errno: EIO)
    ) {
      try lights.update(.halted)
    }
    // Green still went dark; red is unknown, so the same state writes it again.
    #expect(levels(source) == [false, false, false])
    try lights.update(.halted)
    #expect(levels(source) == [false, false, true])
    #expect(source.writes.last == Write(line: 24, value: true))
  }

  @Test func aBusyLineOrABadConfigurationFailsClearly() {
    let busy = ScriptedLineSource(chip: "gpiochip0")
    busy.refuseRequests(of: 23, errno: EBUSY)
    let expected = GPIOError.requestFailed(
      chip: "gpiochip0", line: 23, role: .statusLight, errno: EBUSY)
    #expect(throws: expected) {
      _ = try StatusLights(source: busy, configuration: GPIOConfiguration())
    }
    #expect(
      expected.description.hasPrefix("could not request line 23 of gpiochip0 for a status LED"))

    var configuration = GPIOConfiguration()
    configuration.yellowLine = 22
    let source = ScriptedLineSource()
    #expect {
      _ = try StatusLights(source: source, configuration: configuration)
    } throws: { error in
      guard case GPIOError.invalidConfiguration(let problems) = error else { return false }
      return problems.problems.map(\.field) == ["yellowLine"]
    }
    #expect(source.outputRequests.isEmpty)
  }

  @Test func concurrentUpdatesNeverWriteALineTwiceWithTheSameLevel() throws {
    let source = ScriptedLineSource()
    let lights = try StatusLights(source: source, configuration: GPIOConfiguration())
    let states: [LightState] = [.active, .cautious, .halted, .off]
    DispatchQueue.concurrentPerform(iterations: 400) { index in
      try? lights.update(states[(index / 3) % states.count])
    }
    var replayed: [UInt32: Bool] = [22: false, 23: false, 24: false]
    var duplicates: [ScriptedLineSource.OutputWrite] = []
    for write in source.writes {
      if replayed[write.line] == write.value { duplicates.append(write) }
      replayed[write.line] = write.value
    }
    #expect(duplicates.isEmpty)
    let lit = lights.state.lit
    #expect(levels(source) == [lit.green, lit.yellow, lit.red])
    #expect([replayed[22], replayed[23], replayed[24]] == levels(source))
  }
}
