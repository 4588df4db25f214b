import Control
import Kernel

/// The control-channel commands of a running host: `status`, `pause`, `resume`, `stop`.
/// Handlers run on the control server's thread and only touch the kernel's atomics and the
/// status board (never the kernel itself).
enum HostControlHandlers {
  static func make(
    control: KernelControl, board: StatusBoard, wake: @escaping @Sendable () -> Void
  ) -> ControlHandlers {
    var handlers = ControlHandlers()
    handlers.register("status") { _ in .success(StatusJSON.value(board.read())) }
    handlers.register("pause") { _ in
      control.pause()
      return .success(["state": "paused"])
    }
    handlers.register("resume") { _ in
      control.resume()
      return .success(["state": "running"])
    }
    handlers.register("stop") { _ in
      control.requestStop()
      wake()
      return .success(["state": "stopping"])
    }
    return handlers
  }
}
