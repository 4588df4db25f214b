import Kernel
import Synchronization
import TradingModel

/// The kill switch's reach when the kernel thread is stuck in a plugin call (a strategy's
/// `on_bar` that never returns): manual controls are applied on the kernel thread, so without
/// this a kill would only be queued. Every manual control of a running host (control channel,
/// SIGUSR1, trigger file, GPIO button) goes through `submit`; the watchdog reports overdue calls
/// through `kernelOverdue` and their return through `kernelReturned`.
///
/// While the kernel is stuck, a kill of the account is also carried out here, on the caller's
/// thread: the account is saved as halted in the risk state file (`RiskStateStore`, so a
/// restart stays halted), the kill is audited (source `watchdog`), and from the moment it was
/// queued every order is denied (`RiskCommandQueue.accountKillPending`). A venue that works on
/// its own and can be reached from here (an exchange adapter's `ControlSideCancel`) has its
/// open orders cancelled at once, outside the lock (each venue's result is audited, action
/// `venue-cancel`); the simulator's orders cannot fill while the kernel is stuck. The answer
/// says per venue what happened (`StuckKernelExposure`). The queued kill is applied in full
/// when the kernel thread returns. A kill queued just before the kernel got stuck is carried out
/// the same way when the watchdog reports the call overdue.
///
/// Any thread; the methods serialise on a lock (audit and file writes included).
public final class StallGuard: Sendable {
  private struct State {
    /// The overdue calls still running, outermost first, in words (`slot fast: on_bar`, and
    /// inside it `venue binance: submit_order` when the order it sent hangs at the venue).
    var overdue: [String] = []
    /// Whether the account was halted from here during the current stall.
    var halted = false

    /// The call the kernel thread is stuck in: the innermost overdue one.
    var stuck: String? { overdue.last }
  }

  private let state = Mutex(State())
  private let commands: RiskCommandQueue
  private let audit: AuditTrail
  private let store: RiskStateStore?
  private let venues: [VenueNote]
  private let clock: any Clock

  /// One venue's name, what its orders do while the kernel is stuck, and how a kill cancels
  /// them from here (`nil`: it cannot).
  public struct VenueNote: Sendable {
    public var name: String
    public var exposure: StuckKernelExposure
    public var cancel: (any ControlSideCancel)?

    public init(
      name: String, exposure: StuckKernelExposure, cancel: (any ControlSideCancel)? = nil
    ) {
      self.name = name
      self.exposure = exposure
      self.cancel = cancel
    }
  }

  /// A guard over `commands`, auditing to `audit`, saving to `store` (`nil`: no state file),
  /// with the run's venues; audit times read `clock` (the kernel's).
  public init(
    commands: RiskCommandQueue, audit: AuditTrail, store: RiskStateStore?, venues: [VenueNote],
    clock: any Clock
  ) {
    self.commands = commands
    self.audit = audit
    self.store = store
    self.venues = venues
    self.clock = clock
  }

  /// The call the kernel thread is stuck in, in words (`slot fast: on_bar`), or `nil`.
  public var stuckCall: String? { state.withLock { $0.stuck } }

  /// [any-thread] Queues a manual control for the kernel thread. While the kernel is stuck, a
  /// kill of the account is carried out here too. Answers what was done beyond queueing (`nil`:
  /// nothing), or an error when the halted state could not be saved.
  public func submit(_ command: RiskCommand) -> Result<String?, RiskError> {
    commands.push(command)
    let outcome = state.withLock { (state) -> (Result<String?, RiskError>, stuck: String?) in
      guard let stuck = state.stuck else { return (.success(nil), nil) }
      guard command.isAccountKill else {
        return (
          .success(
            "the kernel thread is stuck in \(stuck): this control waits until it returns (only a kill of the whole account acts at once)"
          ), nil
        )
      }
      return (
        haltAccount(&state, stuck: stuck, source: command.source, detail: command.detail), stuck
      )
    }
    guard let stuck = outcome.stuck else { return outcome.0 }
    let venues = cancelAtVenues(stuck: stuck, source: command.source)
    switch outcome.0 {
    case .success(let note): return .success((note.map { $0 + "; " } ?? "") + venues)
    case .failure(let error): return .failure(RiskError("\(error); \(venues)"))
    }
  }

  /// [watchdog] The kernel thread has been in `call` (scope `scope`: `slot NAME`, `venue NAME` or `kernel`)
  /// for `elapsedNanos`, past the deadline: audited, and a kill waiting in the queue is carried
  /// out from here (venues' orders cancelled as by `submit`). Returns an error when that kill's
  /// state could not be saved.
  @discardableResult
  public func kernelOverdue(
    _ call: String, scope: String, elapsedNanos: Int64, deadlineNanos: Int64
  ) -> RiskError? {
    let outcome = state.withLock {
      state -> (Result<String?, RiskError>, stuck: String, source: AuditSource)? in
      state.overdue.append("\(scope): \(call)")
      audit.append(
        AuditRecord(
          time: clock.now(), source: .watchdog, action: "overdue", scope: scope,
          reason:
            "the kernel thread has been in \(call) for \(Self.milliseconds(elapsedNanos)) ms, past the \(Self.milliseconds(deadlineNanos)) ms deadline; manual controls wait for it except a kill of the account",
          values: [
            .init("call", call), .init("elapsed_ms", Self.milliseconds(elapsedNanos)),
            .init("deadline_ms", Self.milliseconds(deadlineNanos)),
          ]))
      guard let kill = commands.pendingAccountKill() else { return nil }
      let halted = haltAccount(
        &state, stuck: state.stuck!, source: kill.source,
        detail: "\(kill.detail) (queued before the stall)")
      return (halted, state.stuck!, kill.source)
    }
    guard let (halted, stuck, source) = outcome else { return nil }
    let venues = cancelAtVenues(stuck: stuck, source: source)
    if case .failure(let error) = halted { return RiskError("\(error); \(venues)") }
    return nil
  }

  /// [watchdog] The overdue call returned after `elapsedNanos`: audited; queued controls now
  /// take effect on the kernel thread (unless it is still in an outer overdue call).
  public func kernelReturned(_ call: String, scope: String, elapsedNanos: Int64) {
    state.withLock { state in
      if let index = state.overdue.lastIndex(of: "\(scope): \(call)") {
        state.overdue.remove(at: index)
      }
      // Still stuck in an outer call (a strategy's, around the venue call that returned): the
      // stall, and a kill applied during it, go on.
      if state.overdue.isEmpty { state.halted = false }
      audit.append(
        AuditRecord(
          time: clock.now(), source: .watchdog, action: "returned", scope: scope,
          reason:
            "the kernel thread returned from \(call) after \(Self.milliseconds(elapsedNanos)) ms; queued controls take effect now",
          values: [.init("call", call), .init("elapsed_ms", Self.milliseconds(elapsedNanos))]))
    }
  }

  /// [any-thread] The host is about to exit while the kernel thread is stuck (a stop that
  /// cannot wait for it): the account is saved as halted (positions were not closed and the
  /// strategy's state is unknown) and that is audited. Returns an error when the state could
  /// not be saved.
  public func forcedStop(detail: String) -> RiskError? {
    state.withLock { state in
      let stuck = state.stuck ?? "a plugin call"
      let now = clock.now()
      var failure: RiskError?
      do throws(RiskError) {
        try store?.haltAccount(
          reason:
            "the host was stopped while the kernel thread was stuck in \(stuck); positions were not closed: check them, then resume",
          source: .watchdog, at: now)
      } catch {
        failure = error
      }
      audit.append(
        AuditRecord(
          time: now, source: .watchdog, action: "forced-stop", scope: "account", to: "halted",
          reason:
            "stopped without waiting for the kernel thread, stuck in \(stuck): orders were not cancelled and positions not closed; the account is halted\(failure == nil ? " (saved)" : " but the state could not be saved: \(failure!)")",
          values: [.init("requested_by", detail)] + venueValues()))
      return failure
    }
  }

  /// Carries out a kill of the account from here (caller holds the lock).
  private func haltAccount(
    _ state: inout State, stuck: String, source: AuditSource, detail: String
  ) -> Result<String?, RiskError> {
    let now = clock.now()
    var failure: RiskError?
    do throws(RiskError) {
      try store?.haltAccount(
        reason: "kill switch, applied from the control side while the kernel was stuck in \(stuck)",
        source: source, at: now)
    } catch {
      failure = error
    }
    if !state.halted || failure != nil, let error = audit.append(
        AuditRecord(
          time: now, source: source, action: "kill", scope: "account", to: "halted",
          reason:
            "kill applied from the control side: the kernel thread is stuck in \(stuck); every new order is denied\(failure == nil ? ", the halted state is saved" : ", but the halted state could not be saved: \(failure!)")",
          values: [.init("requested_by", detail)] + venueValues()))
    {
      failure = failure ?? RiskError("the audit log could not be written: \(error)")
    }
    if let failure { return .failure(failure) }
    state.halted = true
    let saved = store.map { " and saved in \($0.path)" } ?? ""
    return .success(
      "the kernel thread is stuck in \(stuck): the kill was applied from the control side: the account is halted\(saved), every new order is denied"
    )
  }

  /// What happens to each venue's working orders, for the answer: a venue reachable from here
  /// has its open orders cancelled now (on the caller's thread, outside the lock: an adapter's
  /// order query may block), and each such cancel is audited.
  private func cancelAtVenues(stuck: String, source: AuditSource) -> String {
    venues.map { venue in
      if let cancel = venue.cancel {
        let report = cancel.cancelOpenOrders()
        let words = "\(venue.name): \(report.summary)"
        // The kill is audited already and the account halted: a failed write here changes
        // nothing the answer does not say.
        _ = state.withLock { _ in
          audit.append(
            AuditRecord(
              time: clock.now(), source: source, action: "venue-cancel",
              scope: "venue \(venue.name)",
              reason:
                "kill while the kernel thread is stuck in \(stuck): \(report.summary)",
              values: [
                .init("open", String(report.open)), .init("cancelled", String(report.cancelled)),
                .init("failed", String(report.failures.count)),
              ]))
        }
        return words
      }
      switch venue.exposure {
      case .frozen:
        return
          "\(venue.name): its working orders cannot fill while the kernel is stuck and are cancelled when it returns"
      case .mayFill:
        return
          "\(venue.name): its working orders may still fill and cannot be cancelled from the control side: cancel them at the venue"
      }
    }.joined(separator: "; ")
  }

  private func venueValues() -> [AuditRecord.Value] {
    venues.map { venue in
      .init(
        "venue_\(venue.name)",
        venue.exposure == .frozen ? "orders frozen until the kernel returns" : "orders may fill")
    }
  }

  static func milliseconds(_ nanos: Int64) -> String { String(nanos / 1_000_000) }
}
