import Foundation

/// A `GPIOLineSource` without hardware, for tests of the kill switch and of code that wires it
/// up: it hands out scripted edges, records every request and output write, and can be told to
/// fail. It keeps the protocol's contract (roles, double requests, `closed`), so code that
/// works against it makes the same calls that work on a chip.
///
/// A test scripts edges with `enqueue`, then calls `waitUntilIdle` to block until the waiting
/// thread has taken every edge and come back for more; by then the handler has run for each
/// of them, so the test can check what happened without sleeping.
///
/// Threads: every method may be called from any thread; `waitForEdge` blocks up to its timeout
/// (real time) when no edge is queued, and returns at once when one is enqueued or the source
/// is closed.
public final class ScriptedLineSource: GPIOLineSource, @unchecked Sendable {
  // @unchecked Sendable: every stored property is a `let`; the only mutable state, `script`,
  // is read and written only while `condition` is locked.

  /// A request of the button line.
  public struct ButtonRequest: Sendable, Hashable {
    public var line: UInt32
    public var bias: GPIOBias
    public var consumer: String

    public init(line: UInt32, bias: GPIOBias, consumer: String) {
      self.line = line
      self.bias = bias
      self.consumer = consumer
    }
  }

  /// A request of an output line.
  public struct OutputRequest: Sendable, Hashable {
    public var line: UInt32
    public var initialValue: Bool
    public var consumer: String

    public init(line: UInt32, initialValue: Bool, consumer: String) {
      self.line = line
      self.initialValue = initialValue
      self.consumer = consumer
    }
  }

  /// One `setOutput` call that succeeded.
  public struct OutputWrite: Sendable, Hashable {
    public var line: UInt32
    public var value: Bool

    public init(line: UInt32, value: Bool) {
      self.line = line
      self.value = value
    }
  }

  /// The chip name used in errors.
  public let chip: String
  private let condition = NSCondition()
  private let script: Script

  /// The mutable state; a class so it can be changed while `condition` is locked.
  private final class Script {
    var edges: [GPIOEdgeEvent] = []
    var nextIndex = 0
    /// A waiter found no edge queued after the last one was taken (and `enqueue` since).
    var idle = false
    var waitCount = 0
    var lastTimeout: Duration?
    var waitFailure: Int32?
    var refusedRequests: [UInt32: Int32] = [:]
    var writeFailures: [UInt32: Int32] = [:]
    var button: ButtonRequest?
    var outputRequests: [OutputRequest] = []
    var writes: [OutputWrite] = []
    var levels: [UInt32: Bool] = [:]
    var closed = false
  }

  public init(chip: String = "scripted-chip") {
    self.chip = chip
    self.script = Script()
  }

  // MARK: Scripting

  /// Queues `edges`; the waiting thread gets them in order.
  public func enqueue(_ edges: [GPIOEdgeEvent]) {
    locked { script in
      script.edges.append(contentsOf: edges)
      script.idle = false
    }
    condition.broadcast()
  }

  /// Makes the next `waitForEdge` throw `lineFailed` with `errno` (after the queued edges).
  public func failNextWait(errno: Int32) {
    locked { $0.waitFailure = errno }
    condition.broadcast()
  }

  /// Makes every later request of `line` throw `requestFailed` with `errno` (EBUSY: busy).
  public func refuseRequests(of line: UInt32, errno: Int32) {
    locked { $0.refusedRequests[line] = errno }
  }

  /// Makes the next `setOutput` of `line` throw `lineFailed` with `errno`.
  public func failNextWrite(of line: UInt32, errno: Int32) {
    locked { $0.writeFailures[line] = errno }
  }

  /// Blocks until the waiting thread has taken every queued edge and called `waitForEdge`
  /// again, or until `timeout` has passed; returns whether it got there.
  public func waitUntilIdle(timeout: Duration) -> Bool {
    let deadline = Date(timeIntervalSinceNow: Double(timeout.saturatingNanoseconds) / 1e9)
    condition.lock()
    defer { condition.unlock() }
    while !(script.idle && script.nextIndex == script.edges.count) {
      guard condition.wait(until: deadline) else { return false }
    }
    return true
  }

  // MARK: What happened

  /// The button request, once made.
  public var buttonRequest: ButtonRequest? { locked { $0.button } }
  /// The output requests, in order.
  public var outputRequests: [OutputRequest] { locked { $0.outputRequests } }
  /// The successful `setOutput` calls, in order (not the initial values of requests).
  public var writes: [OutputWrite] { locked { $0.writes } }
  /// The level an output line is at now (its initial value or last write); `nil` if it was
  /// never requested.
  public func level(of line: UInt32) -> Bool? { locked { $0.levels[line] } }
  /// The edges not yet taken by a waiter.
  public var pendingEdges: Int { locked { $0.edges.count - $0.nextIndex } }
  /// How many times `waitForEdge` was called.
  public var waitCount: Int { locked { $0.waitCount } }
  /// The timeout of the last `waitForEdge` call.
  public var lastWaitTimeout: Duration? { locked { $0.lastTimeout } }
  /// Whether `close` was called.
  public var isClosed: Bool { locked { $0.closed } }

  // MARK: GPIOLineSource

  public func requestButton(line: UInt32, bias: GPIOBias, consumer: String) throws(GPIOError) {
    let chip = self.chip
    try lockedThrowing { (script) throws(GPIOError) in
      guard !script.closed else { throw .closed(chip: chip) }
      guard script.button == nil, script.levels[line] == nil else {
        throw .alreadyRequested(chip: chip, line: line, role: .killButton)
      }
      if let code = script.refusedRequests[line] {
        throw .requestFailed(chip: chip, line: line, role: .killButton, errno: code)
      }
      script.button = ButtonRequest(line: line, bias: bias, consumer: consumer)
    }
  }

  public func waitForEdge(timeout: Duration) throws(GPIOError) -> GPIOEdgeEvent? {
    let chip = self.chip
    let deadline = Date(timeIntervalSinceNow: Double(max(0, timeout.saturatingNanoseconds)) / 1e9)
    condition.lock()
    defer { condition.unlock() }
    script.waitCount += 1
    script.lastTimeout = timeout
    while true {
      guard !script.closed else { throw .closed(chip: chip) }
      guard let button = script.button else {
        throw .notRequested(chip: chip, line: nil, role: .killButton)
      }
      if script.nextIndex < script.edges.count {
        let edge = script.edges[script.nextIndex]
        script.nextIndex += 1
        script.idle = false
        return edge
      }
      if let code = script.waitFailure {
        script.waitFailure = nil
        throw .lineFailed(chip: chip, line: button.line, action: "wait for an edge on", errno: code)
      }
      if !script.idle {
        script.idle = true
        condition.broadcast()
      }
      guard condition.wait(until: deadline) else { return nil }
    }
  }

  public func requestOutput(line: UInt32, initialValue: Bool, consumer: String) throws(GPIOError) {
    let chip = self.chip
    try lockedThrowing { (script) throws(GPIOError) in
      guard !script.closed else { throw .closed(chip: chip) }
      guard script.levels[line] == nil, script.button?.line != line else {
        throw .alreadyRequested(chip: chip, line: line, role: .statusLight)
      }
      if let code = script.refusedRequests[line] {
        throw .requestFailed(chip: chip, line: line, role: .statusLight, errno: code)
      }
      script.outputRequests.append(
        OutputRequest(line: line, initialValue: initialValue, consumer: consumer))
      script.levels[line] = initialValue
    }
  }

  public func setOutput(line: UInt32, value: Bool) throws(GPIOError) {
    let chip = self.chip
    try lockedThrowing { (script) throws(GPIOError) in
      guard !script.closed else { throw .closed(chip: chip) }
      guard script.levels[line] != nil else {
        throw .notRequested(chip: chip, line: line, role: .statusLight)
      }
      if let code = script.writeFailures.removeValue(forKey: line) {
        throw .lineFailed(chip: chip, line: line, action: "set", errno: code)
      }
      script.writes.append(OutputWrite(line: line, value: value))
      script.levels[line] = value
    }
  }

  public func close() {
    locked { $0.closed = true }
    condition.broadcast()
  }

  // MARK: Locking

  private func locked<Result>(_ body: (Script) -> Result) -> Result {
    condition.lock()
    defer { condition.unlock() }
    return body(script)
  }

  private func lockedThrowing(_ body: (Script) throws(GPIOError) -> Void) throws(GPIOError) {
    condition.lock()
    defer { condition.unlock() }
    try body(script)
  }
}
