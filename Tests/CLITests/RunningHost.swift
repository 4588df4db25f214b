import Foundation
import HostTestKit

/// A `tradehost run` child process for end-to-end tests: started in the repository root, its
/// stderr read on demand (the host echoes every audit record there), stopped over the control
/// channel.
final class RunningHost {
  let socket: String
  let process = Process()
  private let err = ChildSpawn.pipe()
  private let out = ChildSpawn.pipe()
  private var buffered = ""

  /// Starts `tradehost run ARGUMENTS --socket SOCKET` and waits for its start line. With a
  /// `launcher` (a program and its arguments, e.g. `setpriv --reuid=...`), that program is
  /// started instead and given the executable and its arguments.
  init(socket: String, arguments: [String], launcher: [String] = []) throws {
    self.socket = socket
    let http = arguments.contains("--http") ? [] : ["--http", "none"]
    let command =
      [CLI.executable]
      + PinnedMarketStart.arguments(["run"] + arguments + http + ["--socket", socket])
    let full = launcher + command
    process.executableURL = URL(fileURLWithPath: full[0])
    process.arguments = Array(full.dropFirst())
    process.currentDirectoryURL = URL(fileURLWithPath: RepositoryPaths.root)
    process.standardError = err
    process.standardOutput = out
    try ChildSpawn.run(process)
    CLI.killIfRunning(process)
    _ = readUntil("Ctrl-C stops")
  }

  /// Reads the host's stderr until it contains `text` (or the host closed it, or was killed
  /// past `CLI.deadline`); returns everything read.
  func readUntil(_ text: String) -> String {
    while !buffered.contains(text) {
      let chunk = err.fileHandleForReading.availableData
      if chunk.isEmpty { break }
      buffered += String(decoding: chunk, as: UTF8.self)
    }
    defer {
      lastRead = buffered
      buffered = ""
    }
    return buffered
  }

  /// What the last `readUntil` returned (the start lines after `init`).
  private(set) var lastRead = ""

  /// Runs a control command against this host.
  func command(_ arguments: [String]) throws -> CLI.Output {
    try CLI.run(arguments + ["--socket", socket])
  }

  /// `tradehost stop`, then the host's final stdout once it exited.
  func stop() throws -> String {
    _ = try CLI.run(["stop", "--socket", socket])
    let summary = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return summary
  }
}
