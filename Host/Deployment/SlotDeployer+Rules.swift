import Foundation
import Kernel
import Risk
import SlotAnalytics

extension SlotDeployer {
  /// Evaluates each live slot's rules (kernel thread, at the check interval and after a
  /// strategy error): rollback first, then promotion. Every decision is audited with the
  /// numbers that made it.
  func evaluateRules(now: Int64) {
    for slot in kernel.slots.indices where !kernel.slots[slot].isRetired {
      let role = kernel.slots[slot].role
      let rules = tracks[slot].rules
      if let problem = tracks[slot].statisticsProblem {
        tracks[slot].waiting = problem
        continue
      }
      // A production slot is watched by its rollback rule only while it keeps the version it
      // replaced; the others always are.
      if let rule = rules.rollback, role != .production || tracks[slot].previous != nil {
        // Only what happened while this version ran counts: a state latched before it
        // started (the breach that rolled its predecessor back) is not held against it.
        let state = kernel.tradingState(slot: slot)
        let breaker = kernel.breakerOpen(slot: slot)
        let health = SlotHealth(
          limitBreached: state == tracks[slot].stateAtStart ? nil : Self.breach(state),
          breakerTripped: breaker && !tracks[slot].breakerAtStart
            ? "plugin error-rate breaker open" : nil)
        if case .rollBack(let evidence) = rule.evaluate(tracks[slot].tracker, health: health) {
          rollBack(
            slot: slot, source: .rule, reason: "rule: \(evidence.reason)",
            values: Self.values(evidence))
          continue
        }
      }
      guard role != .production, let rule = rules.promote, !tracks[slot].promotionPending,
        let target = promotionTarget(of: slot)
      else { continue }
      if runsSameVersion(slot, as: target) {
        tracks[slot].waiting = "nothing to promote: \(kernel.slots[target].name) runs this version"
        continue
      }
      let partner = partners[slot]
      if !kernel.deploymentsFrozen { tracks[slot].freezeReported = false }
      let decision = rule.evaluate(
        candidate: tracks[slot].tracker, production: tracks[target].tracker,
        frozen: kernel.deploymentsFrozen,
        comparison: partner == target ? tracks[slot].comparison.result : nil)
      switch decision {
      case .wait(let reason):
        tracks[slot].waiting = reason
      case .blocked(let reason):
        // A freeze is audited once per freeze; the rule's other refusals (a Sharpe below the
        // baseline, errors, drawdown) are re-judged at every check and show in `slots`.
        guard kernel.deploymentsFrozen else {
          tracks[slot].waiting = reason
          continue
        }
        if !tracks[slot].freezeReported {
          tracks[slot].freezeReported = true
          audit(
            "promote", slot: slot, source: .rule, from: role.rawValue, to: nil,
            reason: "blocked: \(reason)")
        }
      case .promote(let evidence):
        let figures = evidence.figures.map { "\($0.name) \(Self.format($0.value))" }
        promote(
          slot: slot, source: .rule,
          evidence: "rule: \(evidence.reason) (\(figures.joined(separator: ", ")))")
      }
    }
  }

  /// Whether `slot` runs what `target` runs: the same plugin, version and library, with the
  /// same resolved parameters (a canary waiting for the next new version).
  func runsSameVersion(_ slot: Int, as target: Int) -> Bool {
    let candidate = kernel.slots[slot].strategy
    let running = kernel.slots[target].strategy
    return candidate.plugin.id == running.plugin.id
      && candidate.plugin.manifest.version == running.plugin.manifest.version
      && candidate.plugin.manifest.sha256 == running.plugin.manifest.sha256
      && Self.difference(candidate.parameters, running.parameters) == nil
  }

  /// A trading state that counts as a limit breach, as a reason.
  static func breach(_ state: String) -> String? {
    state == "active" ? nil : "the slot's trading state is \(state)"
  }

  static func values(_ evidence: Evidence) -> [AuditRecord.Value] {
    evidence.figures.map { AuditRecord.Value($0.name, format($0.value)) }
  }

  /// A figure for the audit log: integers as integers, others with 6 significant digits.
  static func format(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return String(format: "%.6g", value)
  }
}
