import Foundation
import HostTestKit
import Synchronization

/// Runs the built `tradehost` executable and captures its output and exit status.
enum CLI {
  struct Output {
    let status: Int32
    let stdout: String
    let stderr: String
  }

  /// The executable next to the test bundle (SwiftPM builds it for this test target).
  static var executable: String {
    let candidates = [
      Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("tradehost").path,
      Bundle.main.bundleURL.appendingPathComponent("tradehost").path,
      RepositoryPaths.root + "/.build/debug/tradehost",
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[2]
  }

  /// How long a `tradehost` child may run before the tests kill it (a hung host fails its
  /// test instead of hanging the suite).
  static let deadline: Double = 300

  /// Kills `process` (SIGKILL) if it still runs `seconds` from now, so every read of its pipes
  /// ends; the test then fails on its output.
  static func killIfRunning(_ process: Process, after seconds: Double = deadline) {
    let pid = process.processIdentifier
    DispatchQueue.global().asyncAfter(deadline: .now() + seconds) {
      if process.isRunning { kill(pid, SIGKILL) }
    }
  }

  /// Runs `tradehost` with `arguments` in the repository root; with a `launcher` (a program
  /// and its arguments, e.g. `prlimit --nofile=...`), through it. Both pipes are read at once
  /// (a child that fills one while the other is read cannot block), and a child still running
  /// after `deadline` is killed.
  static func run(_ arguments: [String], launcher: [String] = []) throws -> Output {
    let process = Process()
    let command = launcher + [executable] + PinnedMarketStart.arguments(arguments)
    process.executableURL = URL(fileURLWithPath: command[0])
    process.arguments = Array(command.dropFirst())
    process.currentDirectoryURL = URL(fileURLWithPath: RepositoryPaths.root)
    let out = ChildSpawn.pipe()
    let err = ChildSpawn.pipe()
    process.standardOutput = out
    process.standardError = err
    try ChildSpawn.run(process)
    killIfRunning(process)
    let stderr = Mutex(Data())
    let done = DispatchSemaphore(value: 0)
    let errors = err.fileHandleForReading
    Thread {
      let data = errors.readDataToEndOfFile()
      stderr.withLock { $0 = data }
      done.signal()
    }.start()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    done.wait()
    process.waitUntilExit()
    return Output(
      status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
      stderr: String(decoding: stderr.withLock { $0 }, as: UTF8.self))
  }
}
