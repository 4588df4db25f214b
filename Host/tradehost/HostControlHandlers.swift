import Control
import Deployment
import Kernel
import Risk

/// The control-channel commands of a running host: `status`, `stop`, the slot deployments'
/// `slots`, `reload`, `promote`, `rollback` and `role` (`DeploymentControlHandlers`), and the risk wrapper's
/// manual controls `pause`, `resume`, `reduce`, `kill` and `unfreeze` (each for the account,
/// one slot with the argument `slot`, or one instrument with `instrument`). Handlers run on the control server's thread and only
/// touch atomics, the risk command queue and the status board (never the kernel itself); a
/// manual control takes effect on the kernel thread within one timer slice, and is audited.
enum HostControlHandlers {
  static func make(
    control: KernelControl, board: StatusBoard, risk: RiskCommandQueue,
    deployments: DeploymentDesk? = nil, wake: @escaping @Sendable () -> Void
  ) -> ControlHandlers {
    var handlers = ControlHandlers()
    if let deployments {
      DeploymentControlHandlers.register(into: &handlers, desk: deployments)
    }
    handlers.register("status") { _ in .success(StatusJSON.value(board.read())) }
    for action in RiskCommand.Action.allCases {
      handlers.register(action.rawValue) { request in
        let slot = request.arguments["slot"]
        let instrument = request.arguments["instrument"]
        risk.push(
          RiskCommand(
            action: action, slot: slot, instrument: instrument, source: .operator,
            detail: "control channel"))
        wake()
        let scope = slot.map { "slot \($0)" } ?? instrument.map { "instrument \($0)" } ?? "account"
        return .success(["queued": .string(action.rawValue), "scope": .string(scope)])
      }
    }
    handlers.register("stop") { _ in
      control.requestStop()
      wake()
      return .success(["state": "stopping"])
    }
    return handlers
  }
}
