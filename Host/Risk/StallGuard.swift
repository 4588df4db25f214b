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
/// queued every order is denied (`RiskCommandQueue.accountKillPending`). Working orders cannot
/// be cancelled from here (no venue offers a cancel from another thread): the answer says per
/// venue what happens to them (`StuckKernelExposure`). The queued kill is applied in full when
/// the kernel thread returns. A kill queued just before the kernel got stuck is carried out
/// the same way when the watchdog reports the call overdue.
///
/// Any thread; the methods serialise on a lock (audit and file writes included).
public final class StallGuard: Sendable {
  private struct State {
    /// The overdue call, in words, and its scope (`slot NAME`, `kernel`).
    var stuck: String?
    var scope = "kernel"
    /// Whether the account was halted from here during the current stall.
    var halted = false
  }

  private let state = Mutex(State())
  private let commands: RiskCommandQueue
  private let audit: AuditTrail
  private let store: RiskStateStore?
  private let venues: [VenueNote]
  private let clock: any Clock

  /// One venue's name and what its orders do while the kernel is stuck.
  public struct VenueNote: Sendable {
    public var name: String
    public var exposure: StuckKernelExposure

    public init(name: String, exposure: StuckKernelExposure) {
      self.name = name
      self.exposure = exposure
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
    return state.withLock { (state) -> Result<String?, RiskError> in
      guard let stuck = state.stuck else { return .success(nil) }
      guard command.isAccountKill else {
        return .success(
          "the kernel thread is stuck in \(stuck): this control waits until it returns (only a kill of the whole account acts at once)"
        )
      }
      return haltAccount(&state, stuck: stuck, source: command.source, detail: command.detail)
    }
  }

  /// [watchdog] The kernel thread has been in `call` (scope `scope`: `slot NAME` or `kernel`)
  /// for `elapsedNanos`, past the deadline: audited, and a kill waiting in the queue is carried
  /// out from here. Returns an error when that kill's state could not be saved.
  @discardableResult
  public func kernelOverdue(
    _ call: String, scope: String, elapsedNanos: Int64, deadlineNanos: Int64
  ) -> RiskError? {
    state.withLock { state in
      state.stuck = "\(scope): \(call)"
      state.scope = scope
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
      if case .failure(let error) = haltAccount(
        &state, stuck: state.stuck!, source: kill.source,
        detail: "\(kill.detail) (queued before the stall)")
      {
        return error
      }
      return nil
    }
  }

  /// [watchdog] The overdue call returned after `elapsedNanos`: audited; queued controls now
  /// take effect on the kernel thread.
  public func kernelReturned(_ call: String, scope: String, elapsedNanos: Int64) {
    state.withLock { state in
      state.stuck = nil
      state.halted = false
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
      "the kernel thread is stuck in \(stuck): the kill was applied from the control side: the account is halted\(saved), every new order is denied; \(venueSummary())"
    )
  }

  /// What happens to each venue's working orders, for the answer.
  private func venueSummary() -> String {
    venues.map { venue in
      switch venue.exposure {
      case .frozen:
        "\(venue.name): its working orders cannot fill while the kernel is stuck and are cancelled when it returns"
      case .mayFill:
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
