/// One run of a host against a store: its start marker and, after a clean stop, its stop marker.
/// A session without a stop marker ended uncleanly (killed, crashed, power lost).
public struct SessionRecord: Sendable, Equatable {
  public var id: Int64
  /// ns since the epoch.
  public var startedAt: Int64
  /// What started it (`run`, `backtest`, ...).
  public var note: String
  /// The stop marker's time; `nil`: the session never stopped cleanly (or is still running).
  public var stoppedAt: Int64?

  public init(id: Int64, startedAt: Int64, note: String, stoppedAt: Int64?) {
    self.id = id
    self.startedAt = startedAt
    self.note = note
    self.stoppedAt = stoppedAt
  }
}
