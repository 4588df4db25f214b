import Kernel
import TradingModel

extension RiskWrapper {
  /// The latched state of `scope` (`active` for a venue: venues have breakers, not states).
  public func state(of scope: RiskScope) -> LatchedState {
    switch scope {
    case .account: account
    case .slot(let slot): slots[slot].latched
    case .instrument(let instrument): instruments[Int(instrument)].latched
    case .venue: LatchedState()
    }
  }

  /// The most restrictive latched state of the account and every slot (the status lights).
  public var worstState: TradingState {
    var worst = account.state
    for slot in slots where slot.latched.state > worst { worst = slot.latched.state }
    for instrument in instruments where instrument.latched.state > worst {
      worst = instrument.latched.state
    }
    return worst
  }

  /// Every level not `active`, in order (account, slots, instruments), for reports.
  public var nonActiveStates: [(scope: String, state: String)] {
    var states: [(scope: String, state: String)] = []
    if account.state != .active { states.append(("account", account.state.description)) }
    for slot in slots.indices where slots[slot].latched.state != .active {
      states.append((scopeName(.slot(slot)), slots[slot].latched.state.description))
    }
    for index in instruments.indices where instruments[index].latched.state != .active {
      states.append(
        (scopeName(.instrument(InstrumentID(index))), instruments[index].latched.state.description))
    }
    return states
  }

  public func stateName(slot: SlotID?) -> String {
    guard let slot else { return account.state.description }
    guard slot >= 0, slot < slots.count else { return "unknown" }
    return slots[slot].latched.state.description
  }

  public func stateReason(slot: SlotID?) -> String? {
    let latched: LatchedState
    if let slot {
      guard slots.indices.contains(slot) else { return nil }
      latched = slots[slot].latched
    } else {
      latched = account
    }
    guard latched.state != .active else { return nil }
    return [latched.reason, latched.source.map { "by \($0)" }].compactMap { $0 }.joined(
      separator: ", ")
  }

  public func breakerOpen(slot: SlotID) -> Bool {
    slots.indices.contains(slot) && slots[slot].pluginBreakerTripped
  }

  /// `scope` in audit words.
  func scopeName(_ scope: RiskScope) -> String {
    switch scope {
    case .account: "account"
    case .slot(let slot): "slot \(slots[slot].name)"
    case .instrument(let instrument):
      "instrument \(instruments[Int(instrument)].instrument.qualifiedSymbol)"
    case .venue(let name): "venue \(name)"
    }
  }

  /// Moves `scope` to `state` (a limit tripped, a breaker rule, an operator), audits it with
  /// `values`, and schedules the cancels a halt implies (the scope's resting orders; not when
  /// the caller cancels them itself, `cancelsOnHalt: false`). A move to a less restrictive state
  /// only happens through `resume` (`force`); a limit never loosens a state.
  func latch(
    _ scope: RiskScope, to state: TradingState, reason: String, source: AuditSource,
    values: [AuditRecord.Value] = [], force: Bool = false, cancelsOnHalt: Bool = true
  ) {
    let now = kernel.now()
    let before = self.state(of: scope)
    guard force ? before.state != state : state > before.state else { return }
    let next =
      state == .active
      ? LatchedState()
      : LatchedState(state: state, reason: reason, source: source.rawValue, since: now)
    let cancels = state == .halted && cancelsOnHalt
    switch scope {
    case .account:
      account = next
      if cancels { cancelAllPending = true }
    case .slot(let slot):
      slots[slot].latched = next
      if cancels { slots[slot].cancelPending = true }
    case .instrument(let instrument):
      instruments[Int(instrument)].latched = next
      if cancels { instruments[Int(instrument)].cancelPending = true }
    case .venue:
      return
    }
    if cancels { needActions() }
    record(
      AuditRecord(
        time: now, source: source, action: "state", scope: scopeName(scope),
        from: before.state.description, to: state.description, reason: reason, values: values))
    stateChanged()
  }

  /// Audits a breaker's move (`from` -> `to`) with the numbers behind it.
  func breakerMoved(
    _ scope: String, from: String, to: String, at time: Int64, reason: String,
    values: [AuditRecord.Value]
  ) {
    record(
      AuditRecord(
        time: time, source: .breaker, action: "breaker", scope: scope, from: from, to: to,
        reason: reason, values: values))
  }

  /// Freezes automatic deployments (slot promotions) until `unfreeze`.
  func freezeDeployments(reason: String, values: [AuditRecord.Value]) {
    guard !deploymentsFrozen else { return }
    deploymentsFrozen = true
    freezeReason = reason
    record(
      AuditRecord(
        time: kernel.now(), source: .rule, action: "freeze", scope: "account", from: "unfrozen",
        to: "frozen", reason: reason, values: values))
    stateChanged()
  }

  /// Tells the persistence hook about the latched states; a failed save is a write failure.
  func stateChanged() {
    guard let onStateChange else { return }
    do throws(RiskError) {
      try onStateChange(snapshot())
    } catch {
      writeFailed("the risk state", error.description)
    }
  }

  /// Appends an audit record; a failed write is a write failure.
  func record(_ entry: AuditRecord) {
    if let error = audit.append(entry) { writeFailed("the audit log", error) }
  }

  /// Audit records others appended (the slot deployer, the control side) that failed: acted on
  /// at the next event or timer tick. One atomic load.
  @inline(__always)
  func checkAuditFailures() {
    if audit.failures != seenAuditFailures {
      writeFailed("the audit log", audit.writeError ?? "a write failed")
    }
  }

  /// An audit record or the risk state could not be written: the account latches to the
  /// configured state (`onWriteFailure`: halted, the default, or reducing), so trading does not
  /// go on without its record. The latch's own record and save are attempted too; when they
  /// fail again, the account is already there and nothing repeats.
  func writeFailed(_ what: String, _ error: String) {
    writeFailures += 1
    lastWriteError = "\(what) could not be written: \(error)"
    seenAuditFailures = audit.failures
    latch(
      .account, to: configuration.onWriteFailure.state,
      reason:
        "\(what) could not be written (\(error)): new orders stop until it can be written and the account is resumed",
      source: .host,
      values: [
        .init("write_failed", what), .init("error", error),
        .init("policy", configuration.onWriteFailure.rawValue),
      ])
  }
}
