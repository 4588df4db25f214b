import Kernel
import PluginHost
import PluginManifest
import Risk

extension SlotDeployer {
  /// What a swap did, for the audit log.
  struct Swap {
    let replaced: Kernel.Replacement
    /// The kernel's pause, ns (monotonic clock): state export, import or warm-up, switch.
    let pause: Int64
    /// Why no state was handed over, if none was.
    let noStateBecause: String?

    var describe: String {
      let handover =
        replaced.importedState
        ? "state handed over"
        : "warmed from \(replaced.warmupEvents) past events (\(noStateBecause ?? "no state"))"
      return "\(handover); pause \(pause / 1000) µs"
    }

    var values: [AuditRecord.Value] {
      [
        AuditRecord.Value("handover", replaced.importedState ? "state" : "history"),
        AuditRecord.Value("warmup_events", String(replaced.warmupEvents)),
        AuditRecord.Value("pause_ns", String(pause)),
      ]
    }
  }

  /// Replaces `slot`'s strategy with `instance` between two events: the running instance's
  /// state goes to the new one when both keep state, the new one reads that state version
  /// (`reads`), and its resolved parameters (the manifest's defaults with the slot's overrides
  /// applied) are the running instance's, name for name and value for value. A state belongs
  /// to the parameters that built it: a new default, or a promotion with other parameters,
  /// starts from the kernel's recent events instead. The pause is measured and kept. On
  /// failure nothing changed.
  func swap(slot: Int, to instance: StrategyInstance, reading reads: (UInt32) -> Bool)
    -> Result<Swap, DeploymentError>
  {
    let name = kernel.slots[slot].name
    let started = SwapPauses.monotonicNow()
    let running = kernel.slots[slot].strategy
    var handover = Kernel.Handover.history
    var reason: String?
    if running.stateVersion == 0 {
      reason = "the running version keeps no state"
    } else if instance.stateVersion == 0 {
      reason = "the new version keeps no state"
    } else if !reads(running.stateVersion) {
      reason = "the new version does not read state version \(running.stateVersion)"
    } else if let difference = Self.difference(running.parameters, instance.parameters) {
      reason = "its resolved parameters differ from the running version's (\(difference))"
    } else {
      do throws(PluginCallError) {
        let state = try running.exportState()
        handover = .state(version: state.version, bytes: state.bytes)
      } catch {
        reason = "the running version's export failed: \(error)"
      }
    }
    let replaced: Kernel.Replacement
    do throws(KernelError) {
      replaced = try kernel.replaceStrategy(slot: slot, with: instance, handover: handover)
    } catch {
      return .failure(DeploymentError(slot: name, step: "swap", message: error.description))
    }
    let pause = SwapPauses.monotonicNow() - started
    pauses.record(pause)
    return .success(
      Swap(replaced: replaced, pause: pause, noStateBecause: replaced.stateRefused ?? reason))
  }

  /// How two resolved parameter lists differ (`fail_after -1 -> 3, new x 2`), or `nil` when
  /// they set the same names to the same values (order aside).
  static func difference(_ old: [ResolvedParameter], _ new: [ResolvedParameter]) -> String? {
    let before = Dictionary(old.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
    let after = Dictionary(new.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
    var changes: [String] = []
    for name in Set(before.keys).union(after.keys).sorted() where before[name] != after[name] {
      switch (before[name], after[name]) {
      case (let old?, let new?): changes.append("\(name) \(old) -> \(new)")
      case (nil, let new?): changes.append("new \(name) \(new)")
      case (let old?, nil): changes.append("no more \(name) (was \(old))")
      case (nil, nil): break
      }
    }
    return changes.isEmpty ? nil : changes.joined(separator: ", ")
  }
}
