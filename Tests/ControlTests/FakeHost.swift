import Control
import HostTestKit
import Synchronization

/// Control handlers shaped like the host's: `status`, `pause`, `resume`, `stop`, backed by a
/// little state in a Mutex (handlers run on the server thread, tests read from theirs).
final class FakeHost: Sendable {
  private struct State {
    var paused = false
    var pauseReason: String?
    var stopRequested = false
  }

  private let state = Mutex(State())

  var stopRequested: Bool {
    state.withLock { $0.stopRequested }
  }

  var handlers: ControlHandlers {
    var handlers = ControlHandlers()
    handlers.register("status") { [self] _ in
      let paused = state.withLock { $0.paused }
      return .success(["state": "running", "paused": .bool(paused)])
    }
    handlers.register("pause") { [self] request in
      let reason = request.arguments["reason"]
      state.withLock {
        $0.paused = true
        $0.pauseReason = reason
      }
      return .success(["paused": true, "reason": reason.map { .string($0) } ?? .null])
    }
    handlers.register("resume") { [self] _ in
      let wasPaused = state.withLock { state in
        defer { state.paused = false }
        return state.paused
      }
      return wasPaused ? .success(["paused": false]) : .failure("the host is not paused")
    }
    handlers.register("stop") { [self] _ in
      state.withLock { $0.stopRequested = true }
      return .success(["stopping": true])
    }
    return handlers
  }
}

/// Starts a server on `directory/control.sock`, runs `body` with the socket path, and stops
/// the server whatever happens.
func withServer(
  in directory: borrowing TemporaryDirectory, handlers: ControlHandlers = FakeHost().handlers,
  readTimeout: Duration = .seconds(2), _ body: (String) throws -> Void
) throws {
  let path = directory.file("control.sock")
  let server = ControlServer(socketPath: path, handlers: handlers, readTimeout: readTimeout)
  try server.start()
  defer { server.stop() }
  try body(path)
}

/// The host's answer to `status`, through `ControlClient` (a function, so that `#expect` can
/// hold the `try`).
func status(at path: String) throws -> ControlResponse {
  try ControlClient.send(ControlRequest(command: "status"), to: path)
}
