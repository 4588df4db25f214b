/// One edge on an input line, as the kernel reported it.
public struct GPIOEdgeEvent: Sendable, Hashable {
  /// Which way the line changed.
  public var edge: GPIOEdge
  /// When, in nanoseconds, by the kernel's event clock: `CLOCK_MONOTONIC` on Linux 5.7 and
  /// later, `CLOCK_REALTIME` before. Only differences between two events are meaningful.
  public var timestamp: Int64

  public init(edge: GPIOEdge, timestamp: Int64) {
    self.edge = edge
    self.timestamp = timestamp
  }
}
