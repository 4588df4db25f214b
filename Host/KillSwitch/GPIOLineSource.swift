/// The GPIO lines the kill switch uses: one input that reports edges (the button) and a few
/// outputs (the status LEDs). `LibgpiodLineSource` drives a real chip; `ScriptedLineSource`
/// replays edges and records output writes for tests.
///
/// Implementation requirements:
/// - Threads: `waitForEdge` is called by one dedicated thread (the kill button's), in a loop;
///   `requestOutput` and `setOutput` are called from whichever thread publishes the trading
///   state, serialised by the caller (`StatusLights` holds a `Mutex` around them). A call to
///   `setOutput` may therefore run while a `waitForEdge` is blocked on another thread, and must
///   neither wait for it nor disturb it. `requestButton` and `close` may come from any thread.
/// - Blocking: `waitForEdge` blocks up to `timeout` and no longer (the button's thread checks
///   for `stop()` between waits). The other calls may block only for a few system calls.
/// - Errors are thrown as `GPIOError` naming the chip, the line and its role; never trap.
/// - `close` releases every requested line and ends a `waitForEdge` within its timeout; later
///   calls throw `closed`. It is idempotent.
public protocol GPIOLineSource: AnyObject, Sendable {
  /// Requests `line` as an input that reports both edges (the debouncer needs the release
  /// edges too, to ignore a release's bounce), with `bias` and the `consumer` label.
  func requestButton(line: UInt32, bias: GPIOBias, consumer: String) throws(GPIOError)

  /// Waits up to `timeout` for the next edge on the button line and returns it, or `nil` when
  /// none came (or the wait was interrupted by a signal). Edges that arrive while nobody waits
  /// are queued (the kernel keeps 16 per line) and returned in order.
  func waitForEdge(timeout: Duration) throws(GPIOError) -> GPIOEdgeEvent?

  /// Requests `line` as an output driven to `initialValue` (the physical level: `true` is
  /// high), with the `consumer` label.
  func requestOutput(line: UInt32, initialValue: Bool, consumer: String) throws(GPIOError)

  /// Drives a requested output line to `value` (the physical level).
  func setOutput(line: UInt32, value: Bool) throws(GPIOError)

  /// Releases every line and the chip.
  func close()
}
