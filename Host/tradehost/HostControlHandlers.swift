import Control
import Deployment
import Kernel
import PluginHost
import Risk

/// The control-channel commands of a running host: `status`, `stop`, the slot deployments'
/// `slots`, `reload`, `promote`, `rollback` and `role` (`DeploymentControlHandlers`), and the risk wrapper's
/// manual controls `pause`, `resume`, `reduce`, `kill` and `unfreeze` (each for the account,
/// one slot with the argument `slot`, or one instrument with `instrument`). Handlers run on the control server's thread and only
/// touch atomics, the risk command queue and the status board (never the kernel itself); a
/// manual control takes effect on the kernel thread within one timer slice, and is audited.
/// A manual control that names a slot or an instrument the run does not have (`slots`,
/// `instruments`: fixed for the run) is refused at once, so the client exits non-zero with the
/// reason, and nothing is queued.
///
/// While the kernel thread is stuck in a plugin call (`StallGuard`), `status` says so, a kill
/// of the account is carried out from the control side (the answer says what was done, and the
/// command fails, exit 1, when the halted state could not be saved), and `stop` answers that
/// the host exits without waiting for the kernel. Otherwise a manual control waits (at most
/// `appliedWithinNanos`) until the kernel applied it, and fails (exit 1) saying the state is
/// not saved when an audit record or the risk state could not be written.
enum HostControlHandlers {
  /// How long a manual control waits for the kernel thread to apply it and say whether its
  /// writes were saved.
  static let appliedWithinNanos: Int64 = 2_000_000_000

  static func make(
    control: KernelControl, board: StatusBoard, risk: StallGuard,
    slots: [String], instruments: [String],
    deployments: DeploymentDesk? = nil, wake: @escaping @Sendable () -> Void
  ) -> ControlHandlers {
    var handlers = ControlHandlers()
    if let deployments {
      DeploymentControlHandlers.register(into: &handlers, desk: deployments)
    }
    handlers.register("status") { _ in
      var snapshot = board.read()
      snapshot.stuckCall = risk.stuckCall
      if let mapped = MappedImages.current() {
        snapshot.mappedImages = mapped.images
        snapshot.mappedImageBytes = mapped.bytes
      }
      return .success(StatusJSON.value(snapshot))
    }
    for action in RiskCommand.Action.allCases {
      handlers.register(action.rawValue) { request in
        let slot = request.arguments["slot"]
        let instrument = request.arguments["instrument"]
        if let refusal = refusal(slot: slot, instrument: instrument, slots, instruments) {
          return .failure("\(action.rawValue) refused: \(refusal); nothing was queued")
        }
        let receipt = CommandReceipt()
        let outcome = risk.submit(
          RiskCommand(
            action: action, slot: slot, instrument: instrument, source: .operator,
            detail: "control channel", receipt: receipt))
        wake()
        let scope = slot.map { "slot \($0)" } ?? instrument.map { "instrument \($0)" } ?? "account"
        switch outcome {
        case .failure(let error):
          return .failure("\(action.rawValue) queued, but the state is not saved: \(error)")
        case .success(var note):
          if note == nil {
            // Applied within a timer slice unless the kernel is stuck: wait for it (bounded)
            // so a control whose record or state could not be saved fails here.
            switch receipt.wait(nanoseconds: appliedWithinNanos) {
            case .notSaved(let error)?:
              return .failure(
                "\(action.rawValue) applied to \(scope), but the state is not saved: \(error)")
            case .saved?:
              break
            case nil:
              note =
                "not applied yet: the kernel has not taken it within \(appliedWithinNanos / 1_000_000) ms"
            }
          }
          var answer: [String: JSONValue] = [
            "queued": .string(action.rawValue), "scope": .string(scope),
          ]
          if let note { answer["note"] = .string(note) }
          return .success(.object(answer))
        }
      }
    }
    handlers.register("stop") { _ in
      control.requestStop()
      wake()
      guard let stuck = risk.stuckCall else { return .success(["state": "stopping"]) }
      return .success([
        "state": "stopping",
        "note": .string(
          "the kernel thread is stuck in \(stuck): the host saves the account as halted and exits (status \(KernelWatchdog.stuckExitStatus)) without closing positions"
        ),
      ])
    }
    return handlers
  }

  /// Why a control's scope names nothing the run has, or nil when it is the account, a known
  /// slot or a known instrument.
  static func refusal(
    slot: String?, instrument: String?, _ slots: [String], _ instruments: [String]
  ) -> String? {
    switch (slot, instrument) {
    case (nil, nil):
      return nil
    case (let name?, nil):
      if slots.contains(name) { return nil }
      return "no slot is named '\(name)' (slots: \(slots.joined(separator: ", ")))"
    case (nil, let symbol?):
      if instruments.contains(symbol) { return nil }
      return
        "no instrument is named '\(symbol)' (instruments: \(instruments.joined(separator: ", ")))"
    case (_?, _?):
      return "a control names a slot or an instrument, not both"
    }
  }
}
