import Kernel
import PluginHost
import Risk
import SlotAnalytics

extension SlotDeployer {
  /// Carries out one command (kernel thread, between events).
  func perform(_ command: DeploymentCommand) {
    let source = Self.auditSource(command.source)
    switch command.action {
    case .reload(let plugin, let slot):
      reload(plugin: plugin, slot: slot, source: command.source)
    case .promote(let name):
      guard let slot = liveSlot(name, action: "promote", source: source) else { return }
      promote(slot: slot, source: command.source, evidence: "by hand")
    case .rollback(let name):
      guard let slot = liveSlot(name, action: "rollback", source: source) else { return }
      rollBack(slot: slot, source: source, reason: "by hand", values: [])
    case .role(let name, let role):
      guard let slot = liveSlot(name, action: "role", source: source) else { return }
      let before = kernel.slots[slot].role
      do throws(KernelError) {
        try kernel.setRole(role, slot: slot)
        partners = kernel.slots.map { partner(of: $0.id) ?? -1 }
        audit(
          "role", slot: slot, source: source, from: before.rawValue, to: role.rawValue,
          reason: "role changed")
      } catch {
        audit(
          "role", slot: slot, source: source, from: before.rawValue, to: nil,
          reason: "refused: \(error)")
      }
    }
  }

  /// The index of a live (not retired) slot named `name`, or records why there is none.
  private func liveSlot(_ name: String, action: String, source: AuditSource) -> Int? {
    guard let slot = kernel.slotIndex(named: name) else {
      let known = kernel.slots.map(\.name).joined(separator: ", ")
      desk.record(outcome: "\(action) \(name): refused: no slot has that name (slots: \(known))")
      return nil
    }
    guard !kernel.slots[slot].isRetired else {
      audit(
        action, slot: slot, source: source, from: nil, to: nil,
        reason: "refused: the slot is retired")
      return nil
    }
    return slot
  }

  /// Loads the newest `plugin` into `slot`, or, without a slot, where the strategy's
  /// `on_change` sends it (`SlotDeployer+OnChange.swift`).
  func reload(plugin: String, slot name: String?, source: DeploymentCommand.Source) {
    guard let name else {
      route(plugin: plugin, source: source)
      return
    }
    guard let slot = liveSlot(name, action: "reload", source: Self.auditSource(source)) else {
      return
    }
    load(reloadRequest(plugin: plugin, slot: slot, reason: .reload, source: source))
  }

  /// A reload of `plugin` into `slot` with the slot's parameters (none when the slot ran
  /// another strategy).
  func reloadRequest(
    plugin: String, slot: Int, reason: PreparedVersion.Reason, source: DeploymentCommand.Source
  ) -> LoadRequest {
    let sameStrategy = kernel.slots[slot].strategyID == plugin
    return LoadRequest(
      slot: kernel.slots[slot].name, plugin: plugin, manifests: configuration.manifests,
      parameters: sameStrategy ? tracks[slot].parameters : [], reason: reason, source: source)
  }

  /// Loads on the loader thread, or right here with `loadInline`.
  func load(_ request: LoadRequest) {
    if configuration.loadInline || loaderIsMissing {
      install(VersionLoader.prepare(request, kernel: KernelReference(kernel)))
    } else {
      enqueue(request)
    }
  }

  /// Swaps a prepared version into its slot, or records why it could not be loaded.
  func install(_ outcome: Result<PreparedVersion, DeploymentError>) {
    let version: PreparedVersion
    switch outcome {
    case .failure(let error):
      if let from = error.promotionFrom, let candidate = kernel.slotIndex(named: from) {
        clearPromotion(for: candidate)
        audit(
          "promote", slot: candidate, source: .host, from: kernel.slots[candidate].role.rawValue,
          to: nil,
          reason: "failed, production keeps its version: \(error.step) failed: \(error.message)")
      } else if let slot = kernel.slotIndex(named: error.slot) {
        audit(
          "reload", slot: slot, source: .host, from: kernel.slots[slot].strategyVersion, to: nil,
          reason: "failed, the running version stays: \(error.step) failed: \(error.message)")
      } else {
        desk.record(outcome: error.description)
      }
      return
    case .success(let prepared):
      version = prepared
    }
    let source = Self.auditSource(version.source)
    guard let slot = kernel.slotIndex(named: version.slot),
      !kernel.slots[slot].isRetired || version.reason == .revive
    else {
      release(version.instance, version.registry)
      desk.record(outcome: "reload \(version.slot): dropped: the slot is gone or retired")
      return
    }
    let reviving = version.reason == .revive && kernel.slots[slot].isRetired
    if reviving {
      kernel.reinstate(slot: slot)
      partners = kernel.slots.map { partner(of: $0.id) ?? -1 }
    }
    if case .promotion(let from, _) = version.reason, kernel.deploymentsFrozen {
      release(version.instance, version.registry)
      if let candidate = kernel.slotIndex(named: from) { clearPromotion(for: candidate) }
      audit(
        "promote", slot: slot, source: source, from: kernel.slots[slot].strategyVersion, to: nil,
        reason: "blocked: deployments are frozen (weekly drawdown); `tradehost unfreeze` lifts it")
      return
    }
    let fromVersion = kernel.slots[slot].strategyVersion
    let previousParameters = tracks[slot].parameters
    let previousRegistry = tracks[slot].registry
    let swap: Swap
    switch self.swap(slot: slot, to: version.instance, reading: version.manifest.canImport) {
    case .failure(let error):
      release(version.instance, version.registry)
      if reviving { kernel.retire(slot: slot, reason: "slot retired: its new version failed") }
      if case .promotion(let from, _) = version.reason,
        let candidate = kernel.slotIndex(named: from)
      {
        clearPromotion(for: candidate)
      }
      audit(
        version.reason.isPromotion ? "promote" : "reload", slot: slot, source: source,
        from: fromVersion, to: nil, reason: "failed, the running version stays: \(error)")
      return
    case .success(let done):
      swap = done
    }
    if reviving {
      // A slot back from retirement keeps nothing to roll back to: its rollback retires it.
      release(swap.replaced.previous, previousRegistry)
      for older in tracks[slot].kept { release(older.instance, older.registry) }
      tracks[slot].kept = []
    } else {
      keepForRollback(
        slot: slot,
        Retained(
          instance: swap.replaced.previous, registry: previousRegistry,
          parameters: previousParameters))
    }
    tracks[slot].registry = version.registry
    tracks[slot].parameters = version.parameters
    let statistics = restartStatistics(slot: slot).map { "; \($0)" } ?? ""
    let toVersion = kernel.slots[slot].strategyVersion
    switch version.reason {
    case .reload:
      audit(
        "reload", slot: slot, source: source, from: fromVersion, to: toVersion,
        reason: "new version running; \(swap.describe)\(statistics)", values: swap.values)
    case .revive:
      audit(
        "reload", slot: slot, source: source, from: "retired", to: toVersion,
        reason:
          "the slot is back from retirement with the new version; \(swap.describe)\(statistics)",
        values: swap.values)
    case .promotion(let from, let evidence):
      guard let candidate = kernel.slotIndex(named: from) else { return }
      clearPromotion(for: candidate)
      audit(
        "promote", slot: candidate, source: source, from: kernel.slots[candidate].role.rawValue,
        to: kernel.slots[slot].name,
        reason:
          "\(toVersion) now runs in \(kernel.slots[slot].name) (was \(fromVersion)); \(evidence); \(swap.describe)\(statistics)",
        values: swap.values)
      kernel.retire(slot: candidate, reason: "slot retired after promotion")
    }
  }

  /// Gives the candidate slot's version to its promotion target (by rule or by hand). Refused
  /// during a deployment freeze, for a production slot, or when another promotion is loading.
  func promote(slot: Int, source: DeploymentCommand.Source, evidence: String) {
    let auditSource = Self.auditSource(source)
    let candidate = kernel.slots[slot]
    guard candidate.role != .production else {
      audit(
        "promote", slot: slot, source: auditSource, from: nil, to: nil,
        reason: "refused: the slot is already production")
      return
    }
    guard !kernel.deploymentsFrozen else {
      audit(
        "promote", slot: slot, source: auditSource, from: candidate.role.rawValue, to: nil,
        reason: "blocked: deployments are frozen (weekly drawdown); `tradehost unfreeze` lifts it")
      return
    }
    guard let target = promotionTarget(of: slot) else {
      audit(
        "promote", slot: slot, source: auditSource, from: candidate.role.rawValue, to: nil,
        reason: "refused: there is no live production slot to promote into")
      return
    }
    guard !tracks[slot].promotionPending else { return }
    tracks[slot].promotionPending = true
    let manifest = candidate.strategy.plugin.manifest
    load(
      LoadRequest(
        slot: kernel.slots[target].name, plugin: candidate.strategyID,
        manifests: configuration.manifests, parameters: tracks[slot].parameters,
        reason: .promotion(from: candidate.name, evidence: evidence), source: source,
        expected: (manifest.version.description, manifest.sha256)))
  }

  /// Undoes the slot's latest version: back to the retained one (its state handed over when
  /// it can read it), or, for a non-production slot that never changed, out of trading.
  func rollBack(slot: Int, source: AuditSource, reason: String, values: [AuditRecord.Value]) {
    let fromVersion = kernel.slots[slot].strategyVersion
    guard let previous = tracks[slot].previous else {
      guard kernel.slots[slot].role != .production else {
        audit(
          "rollback", slot: slot, source: source, from: fromVersion, to: nil,
          reason: "refused: no previous version is kept (\(reason))", values: values)
        return
      }
      let closing = kernel.retire(slot: slot, reason: "slot rolled back")
      audit(
        "rollback", slot: slot, source: source, from: fromVersion, to: "retired",
        reason: "\(reason); slot retired, its orders cancelled and \(closing) position(s) closed",
        values: values)
      return
    }
    let current = tracks[slot]
    let reads = previous.instance.plugin.manifest.canImport
    switch swap(slot: slot, to: previous.instance, reading: reads) {
    case .failure(let error):
      audit(
        "rollback", slot: slot, source: source, from: fromVersion, to: nil,
        reason: "failed, \(fromVersion) keeps running: \(error) (\(reason))", values: values)
    case .success(let swap):
      release(swap.replaced.previous, current.registry)
      tracks[slot].kept.removeLast()
      tracks[slot].registry = previous.registry
      tracks[slot].parameters = previous.parameters
      let statistics = restartStatistics(slot: slot).map { "; \($0)" } ?? ""
      audit(
        "rollback", slot: slot, source: source, from: fromVersion,
        to: kernel.slots[slot].strategyVersion,
        reason: "\(reason); \(swap.describe)\(statistics)",
        values: values + swap.values)
    }
  }

  /// Keeps `retained` as the slot's rollback version; past `keepVersions`, the oldest kept one
  /// is released.
  private func keepForRollback(slot: Int, _ retained: Retained) {
    tracks[slot].kept.append(retained)
    while tracks[slot].kept.count > configuration.keepVersions {
      let oldest = tracks[slot].kept.removeFirst()
      release(oldest.instance, oldest.registry)
    }
  }

  private func clearPromotion(for slot: Int) {
    tracks[slot].promotionPending = false
  }

  /// The slot's statistics start again with its new version. When they cannot (the slot's
  /// equity is not positive: no return can be measured from it), the old version's figures are
  /// dropped all the same, the slot's rules stop judging it until its next version, and the
  /// reason is returned for the audit record.
  @discardableResult
  func restartStatistics(slot: Int) -> String? {
    let now = kernel.clock.now()
    tracks[slot].statisticsProblem = nil
    do throws(AnalyticsConfigurationError) {
      tracks[slot].tracker = try Self.tracker(configuration, kernel, slot, now)
    } catch {
      let problem =
        "no statistics for this version: \(error) (the slot's equity is \(kernel.slotEquity(slot)))"
      tracks[slot].statisticsProblem = problem
      // A placeholder that is never sampled or judged; the old version's figures must not
      // carry over.
      if let blank = try? PerformanceTracker(
        intervalNanoseconds: max(configuration.statsInterval, 1), startTime: now, startEquity: 1)
      {
        tracks[slot].tracker = blank
      }
    }
    tracks[slot].errorBaseline = kernel.slots[slot].pluginErrors
    tracks[slot].stateAtStart = kernel.tradingState(slot: slot)
    tracks[slot].breakerAtStart = kernel.breakerOpen(slot: slot)
    tracks[slot].comparison = PairedComparison()
    for other in tracks.indices where partners[other] == slot {
      tracks[other].comparison = PairedComparison()
    }
    return tracks[slot].statisticsProblem
  }

  static func auditSource(_ source: DeploymentCommand.Source) -> AuditSource {
    switch source {
    case .operator: .operator
    case .watcher: .watcher
    case .host: .host
    case .rule: .rule
    }
  }
}
