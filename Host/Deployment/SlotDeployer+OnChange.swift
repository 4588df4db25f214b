import Kernel
import Risk

extension SlotDeployer {
  /// The target of a changed `plugin`: its `on_change`, else its canary slots when it has
  /// one, else its production slots.
  func changeTarget(of plugin: String) -> ChangeTarget {
    if let target = configuration.onChange[plugin] { return target }
    return slots(of: plugin, role: .canary).isEmpty ? .production : .canary
  }

  /// The slots of `role` that run `plugin` or were configured with it (retired ones included:
  /// a canary retired after a promotion is the strategy's canary still).
  func slots(of plugin: String, role: SlotRole) -> [Int] {
    kernel.slots.filter { slot in
      slot.role == role
        && (slot.strategyID == plugin
          || kernel.configuration.slots[slot.id].strategy == plugin)
    }.map(\.id)
  }

  /// A new version of `plugin` (the folder watcher saw it, or `reload ID` without a slot): loads
  /// it where its `on_change` says, and says so. Production gets it only with
  /// `on_change: production` (or when the strategy has no canary slot and no `on_change`):
  /// with a canary configured, a new version reaches production by the canary's promotion.
  func route(plugin: String, source: DeploymentCommand.Source) {
    let target = changeTarget(of: plugin)
    let explicit = configuration.onChange[plugin] != nil
    let why = explicit ? "on_change: \(target.rawValue)" : "no on_change: \(target.rawValue) by default"
    let role: SlotRole
    switch target {
    case .ignore:
      note(plugin: plugin, source: source, "changed; not loaded (\(why))")
      return
    case .canary: role = .canary
    case .shadow: role = .shadow
    case .production: role = .production
    }
    let slots = slots(of: plugin, role: role)
    guard !slots.isEmpty else {
      guard target == .production else {
        note(
          plugin: plugin, source: source,
          "changed; not loaded: no \(role.rawValue) slot runs it (\(why)); production keeps its version"
        )
        return
      }
      desk.record(outcome: "reload \(plugin): refused: no live slot runs this plugin")
      return
    }
    let production = self.slots(of: plugin, role: .production).filter {
      !kernel.slots[$0].isRetired
    }.map { "\(kernel.slots[$0].name) \(kernel.slots[$0].strategyVersion)" }
    for slot in slots {
      let retired = kernel.slots[slot].isRetired
      let keeps =
        target == .production || production.isEmpty
        ? "" : "; production keeps \(production.joined(separator: ", ")) until a promotion"
      audit(
        "route", slot: slot, source: Self.auditSource(source),
        from: kernel.slots[slot].strategyVersion, to: nil,
        reason:
          "a new \(plugin) goes to this \(role.rawValue) slot (\(why))\(retired ? ", which comes back from retirement" : "")\(keeps)"
      )
      load(
        reloadRequest(
          plugin: plugin, slot: slot, reason: retired ? .revive : .reload, source: source))
    }
  }

  /// Records a change that loads nothing: the desk's outcome and an audit record scoped to the
  /// strategy.
  private func note(plugin: String, source: DeploymentCommand.Source, _ reason: String) {
    desk.record(outcome: "reload \(plugin): \(reason)")
    audit?.append(
      AuditRecord(
        time: kernel.clock.now(), source: Self.auditSource(source), action: "route",
        scope: "strategy \(plugin)", from: nil, to: nil, reason: reason, values: []))
  }
}
