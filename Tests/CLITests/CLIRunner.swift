import Foundation
import HostTestKit

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

  /// Runs `tradehost` with `arguments` in the repository root; with a `launcher` (a program
  /// and its arguments, e.g. `prlimit --nofile=...`), through it.
  static func run(_ arguments: [String], launcher: [String] = []) throws -> Output {
    let process = Process()
    let command = launcher + [executable] + arguments
    process.executableURL = URL(fileURLWithPath: command[0])
    process.arguments = Array(command.dropFirst())
    process.currentDirectoryURL = URL(fileURLWithPath: RepositoryPaths.root)
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Output(
      status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
      stderr: String(decoding: stderr, as: UTF8.self))
  }
}
