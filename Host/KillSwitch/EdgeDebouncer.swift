/// Tells presses from contact bounce: a mechanical button's contacts chatter for a few
/// milliseconds when pressed and when released, and each chatter is an edge.
///
/// Rule: an edge less than `window` after the last accepted edge is bounce and ignored;
/// any other edge is accepted, and is a press when it is `pressEdge`, a release otherwise.
/// Both edges are fed in, so the bounce of a release (whose stray falling edges would
/// otherwise look like presses) falls inside the release's window.
///
/// Timestamps are the kernel's, so only differences count. An edge stamped before the last
/// accepted one (a clock step on kernels that stamp with the wall clock) is accepted: a step
/// must not swallow presses.
///
/// A value type with no clock and no thread: `KillButton` owns one on its thread. `classify`
/// does not allocate.
public struct EdgeDebouncer: Sendable, Hashable {
  /// What one edge was.
  public enum Decision: Sendable, Hashable {
    /// An accepted press edge: the button was pressed.
    case press
    /// An accepted edge of the other kind: the button was released.
    case release
    /// An edge inside the window after the last accepted edge: ignored.
    case bounce
  }

  /// The bounce window in nanoseconds (0: every edge is accepted).
  public let window: Int64
  /// The edge that is a press.
  public let pressEdge: GPIOEdge
  /// The timestamp of the last accepted edge, if any.
  public private(set) var lastAccepted: Int64?

  /// A debouncer that has seen no edge; a negative `window` counts as zero.
  public init(window: Duration, pressEdge: GPIOEdge) {
    self.window = max(0, window.saturatingNanoseconds)
    self.pressEdge = pressEdge
  }

  /// Classifies the next edge, in the order the line reported them.
  public mutating func classify(_ event: GPIOEdgeEvent) -> Decision {
    if let lastAccepted {
      let (elapsed, overflow) = event.timestamp.subtractingReportingOverflow(lastAccepted)
      if !overflow && elapsed >= 0 && elapsed < window { return .bounce }
    }
    lastAccepted = event.timestamp
    return event.edge == pressEdge ? .press : .release
  }
}
