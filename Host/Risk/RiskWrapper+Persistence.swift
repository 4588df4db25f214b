extension RiskWrapper {
  /// The latched states now (non-active slots and instruments only).
  public func snapshot() -> RiskStateSnapshot {
    var snapshot = RiskStateSnapshot(
      account: .init(account), deploymentsFrozen: deploymentsFrozen, freezeReason: freezeReason)
    for slot in slots where slot.latched.state != .active {
      snapshot.slots[slot.name] = .init(slot.latched)
    }
    for instrument in instruments where instrument.latched.state != .active {
      snapshot.instruments[instrument.instrument.qualifiedSymbol] = .init(instrument.latched)
    }
    return snapshot
  }

  /// Re-applies states an earlier run saved: each level named in `snapshot` that this run has
  /// gets its state back (audited, source `host`); names this run does not have are audited as
  /// dropped.
  func restore(_ snapshot: RiskStateSnapshot) {
    let now = kernel.now()
    func restoreRecord(_ scope: String, _ entry: RiskStateSnapshot.Entry, applied: Bool) {
      record(
        AuditRecord(
          time: now, source: .host, action: "restore", scope: scope, to: entry.state,
          reason: applied
            ? "state restored from the saved risk state: \(entry.reason ?? "no reason given")"
            : "saved state not applied: this run has no such \(scope.split(separator: " ")[0])",
          values: [.init("since_ns", String(entry.since)), .init("source", entry.source ?? "")]))
    }
    if let latched = snapshot.account.latched, latched.state != .active {
      account = latched
      restoreRecord("account", snapshot.account, applied: true)
    }
    for (name, entry) in snapshot.slots.sorted(by: { $0.key < $1.key }) {
      guard let index = slots.firstIndex(where: { $0.name == name }), let latched = entry.latched
      else {
        restoreRecord("slot \(name)", entry, applied: false)
        continue
      }
      slots[index].latched = latched
      restoreRecord("slot \(name)", entry, applied: true)
    }
    for (symbol, entry) in snapshot.instruments.sorted(by: { $0.key < $1.key }) {
      guard
        let index = instruments.firstIndex(where: { $0.instrument.qualifiedSymbol == symbol }),
        let latched = entry.latched
      else {
        restoreRecord("instrument \(symbol)", entry, applied: false)
        continue
      }
      instruments[index].latched = latched
      restoreRecord("instrument \(symbol)", entry, applied: true)
    }
    if snapshot.deploymentsFrozen {
      deploymentsFrozen = true
      freezeReason = snapshot.freezeReason
      record(
        AuditRecord(
          time: now, source: .host, action: "restore", scope: "account", to: "frozen",
          reason: "deployment freeze restored: \(snapshot.freezeReason ?? "no reason given")"))
    }
  }
}
