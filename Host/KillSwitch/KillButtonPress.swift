/// One press of the kill button, as `KillButton` reports it.
public struct KillButtonPress: Sendable, Hashable {
  /// When the press was handled, by the button's injected clock (nanoseconds since the Unix
  /// epoch): the time to journal.
  public var time: Int64
  /// The kernel's timestamp of the edge (see `GPIOEdgeEvent.timestamp`).
  public var edgeTimestamp: Int64
  /// The edge that was the press (the configured `buttonEdge`).
  public var edge: GPIOEdge
  /// The button's line.
  public var line: UInt32

  public init(time: Int64, edgeTimestamp: Int64, edge: GPIOEdge, line: UInt32) {
    self.time = time
    self.edgeTimestamp = edgeTimestamp
    self.edge = edge
    self.line = line
  }
}
