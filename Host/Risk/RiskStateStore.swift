import MarketData
import Synchronization

/// The latched risk states on disk (`RiskStateFile`), saved from either side: the kernel thread
/// saves the risk wrapper's snapshot after every latched change; the control side marks the
/// account halted when the kernel thread is stuck in a plugin call and cannot (a kill, a forced
/// stop). Saves are serialised by a lock.
///
/// A halt saved from the control side stays on disk until the kernel has applied it: a snapshot
/// the kernel saves meanwhile (the wrapper has not seen the kill yet) is saved with the account
/// halted all the same.
public final class RiskStateStore: Sendable {
  private struct State {
    var latest: RiskStateSnapshot
    var controlHalt: RiskStateSnapshot.Entry?
  }

  /// The risk state file.
  public let path: String
  private let state: Mutex<State>
  private let calls: any FileCalls

  /// A store writing `path` (through `calls`, a test seam), starting from the states restored
  /// from it (`nil`: all active).
  public init(
    path: String, restored: RiskStateSnapshot?, calls: any FileCalls = SystemFileCalls()
  ) {
    self.path = path
    self.calls = calls
    state = Mutex(State(latest: restored ?? RiskStateSnapshot(account: .init(LatchedState()))))
  }

  /// The states as last saved (or restored).
  public var latest: RiskStateSnapshot { state.withLock { $0.latest } }

  /// [kernel-thread] Saves the risk wrapper's states.
  public func save(_ snapshot: RiskStateSnapshot) throws(RiskError) {
    try state.withLock { (state) throws(RiskError) in
      var snapshot = snapshot
      if let halt = state.controlHalt {
        if snapshot.account.state == TradingState.halted.description {
          state.controlHalt = nil
        } else {
          snapshot.account = halt
        }
      }
      state.latest = snapshot
      try RiskStateFile.save(snapshot, to: path, calls: calls)
    }
  }

  /// [any-thread] Saves the latest states with the account halted (`reason`, `source`, since
  /// `now`), unless it already is. For the control side, while the kernel thread cannot.
  public func haltAccount(reason: String, source: AuditSource, at now: Int64) throws(RiskError) {
    try state.withLock { (state) throws(RiskError) in
      guard state.latest.account.state != TradingState.halted.description else { return }
      let entry = RiskStateSnapshot.Entry(
        LatchedState(state: .halted, reason: reason, source: source.rawValue, since: now))
      state.controlHalt = entry
      state.latest.account = entry
      try RiskStateFile.save(state.latest, to: path, calls: calls)
    }
  }
}
