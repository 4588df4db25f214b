/// Which orders and fills `Store.history` returns: all of them, or those of one slot (by name),
/// since a time, of one session.
public struct HistoryQuery: Sendable, Equatable {
  public var slot: String?
  /// ns since the epoch; records at or after it.
  public var since: Int64?
  public var session: Int64?

  public init(slot: String? = nil, since: Int64? = nil, session: Int64? = nil) {
    self.slot = slot
    self.since = since
    self.session = session
  }
}
