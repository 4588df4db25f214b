import Control
import Deployment
import Kernel

/// The control-channel commands of slot deployments: `slots`, `reload`, `promote`, `rollback`
/// and `role`. Handlers run on the control server's thread: they queue a command for the kernel
/// thread and wait (at most `timeout` seconds) for its outcome, so `tradehost reload` prints
/// what happened (loaded and swapped, or which check failed). A command whose outcome says it
/// failed, was refused or was blocked, or whose audit record could not be written (the state
/// is not saved), answers with an error (the CLI exits 1).
enum DeploymentControlHandlers {
  static func register(
    into handlers: inout ControlHandlers, desk: DeploymentDesk, timeout: Double = 30
  ) {
    handlers.register("slots") { _ in
      .success(SlotsJSON.value(desk.report(), outcomes: desk.outcomes()))
    }
    handlers.register("reload") { request in
      guard let plugin = request.arguments["plugin"], !plugin.isEmpty else {
        return .failure("reload needs the strategy plugin's id")
      }
      return run(
        .reload(plugin: plugin, slot: request.arguments["slot"]), desk: desk, timeout: timeout)
    }
    handlers.register("promote") { request in
      guard let slot = request.arguments["slot"] else { return .failure("promote needs a slot") }
      return run(.promote(slot: slot), desk: desk, timeout: timeout)
    }
    handlers.register("rollback") { request in
      guard let slot = request.arguments["slot"] else { return .failure("rollback needs a slot") }
      return run(.rollback(slot: slot), desk: desk, timeout: timeout)
    }
    handlers.register("role") { request in
      guard let slot = request.arguments["slot"], let name = request.arguments["role"] else {
        return .failure("role needs a slot and a role")
      }
      guard let role = SlotRole(rawValue: name) else {
        return .failure("role must be production, canary, shadow or ab, not '\(name)'")
      }
      return run(.role(slot: slot, role: role), desk: desk, timeout: timeout)
    }
  }

  private static func run(
    _ action: DeploymentCommand.Action, desk: DeploymentDesk, timeout: Double
  ) -> ControlResponse {
    let outcomes = desk.submitAndWait(
      DeploymentCommand(action, source: .operator), timeout: timeout)
    guard !outcomes.isEmpty else {
      return .success([
        "queued": true,
        "note": .string("no outcome within \(Int(timeout)) s; `tradehost slots` shows it later"),
      ])
    }
    let failed = outcomes.first { text in
      ["failed", "refused", "blocked", "dropped"].contains { text.contains(": \($0)") }
        || text.contains(SlotDeployer.notSaved)
    }
    if let failed { return .failure(failed) }
    return .success(["outcomes": .array(outcomes.map { .string($0) })])
  }
}
