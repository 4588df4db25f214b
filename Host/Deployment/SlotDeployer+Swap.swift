import Kernel
import PluginHost
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
  /// state goes to the new one when both keep state and the new one reads that state version
  /// (`reads`) and its parameters are the running instance's (a state belongs to its
  /// parameters: a promotion with other parameters starts fresh), otherwise the new one is warmed
  /// from the kernel's recent events. The pause is measured and kept. On failure nothing changed.
  func swap(
    slot: Int, to instance: StrategyInstance, parameters: [(String, String)],
    reading reads: (UInt32) -> Bool
  ) -> Result<Swap, DeploymentError> {
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
    } else if !Self.same(parameters, tracks[slot].parameters) {
      reason = "its parameters differ from the running version's"
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

  /// Whether two parameter lists set the same values (order aside).
  static func same(_ a: [(String, String)], _ b: [(String, String)]) -> Bool {
    a.count == b.count
      && a.sorted { $0.0 < $1.0 }.elementsEqual(b.sorted { $0.0 < $1.0 }) { $0 == $1 }
  }
}
