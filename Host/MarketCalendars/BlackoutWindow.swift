/// An active blackout, as answered by `BlackoutTracker.blackout(at:)`. Plain data, no
/// references, so returning it never allocates or retains.
public struct BlackoutWindow: Hashable, Sendable {
  /// When the blackout began (UTC ns, inclusive). Windows of one instrument that overlap or touch
  /// form one blackout, so this is the earliest start among them.
  public let start: Int64
  /// When it ends (UTC ns, exclusive): the latest end among the overlapping or touching windows,
  /// the first instant the instrument may trade again.
  public let end: Int64
  /// The event responsible at the queried instant: an index into `EventCalendar.events`. When
  /// several events' own windows contain that instant, the one whose window began first (then the
  /// one first in the file).
  public let event: Int

  public init(start: Int64, end: Int64, event: Int) {
    self.start = start
    self.end = end
    self.event = event
  }
}
