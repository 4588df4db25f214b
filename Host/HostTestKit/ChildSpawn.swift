import Foundation

/// Starts the test process's child processes without leaking one child's descriptors into
/// another.
///
/// On Linux, swift-corelibs-foundation's `Process.run()` lists the descriptors open when it is
/// called and closes only those in the child; neither a `Pipe`'s descriptors nor the socket pair
/// it watches a child's exit through are close-on-exec. A descriptor another thread opens between
/// that listing and the spawn is therefore inherited by the new child. When the new child lives
/// long (a host, an out-of-tree `swift build`) and the descriptor is another host's stderr pipe or
/// exit socket, that host's end of output or its exit stays invisible until the long-lived child
/// ends: a test then waits for a host that has already gone.
///
/// Every test makes its children's pipes with `pipe()` and starts them with `run(_:)`; both hold
/// one lock, so no descriptor is made while a spawn is under way. Waiting for and reading from
/// children happens outside.
public enum ChildSpawn {
  private static let lock = NSLock()

  /// A new pipe, made while no spawn is under way.
  public static func pipe() -> Pipe {
    lock.lock()
    defer { lock.unlock() }
    return Pipe()
  }

  /// `process.run()`, while no other spawn or `pipe()` is under way; its error as is.
  public static func run(_ process: Process) throws {
    lock.lock()
    defer { lock.unlock() }
    try process.run()
  }
}
