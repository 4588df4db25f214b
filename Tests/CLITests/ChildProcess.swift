import Foundation
import HostTestKit

/// A `tradehost` child process whose output is collected as it arrives and whose waits are all
/// bounded: a wait that runs out fails the test instead of hanging it (the child is killed).
final class ChildProcess: @unchecked Sendable {
  // @unchecked: `stdoutText` and `stderrText` are only touched with `condition` locked.
  let process = Process()
  private let condition = NSCondition()
  private var stdoutText = ""
  private var stderrText = ""
  private var ended = false
  /// Streams that reached their end (the child closed them): 2 when both did.
  private var closedStreams = 0

  /// Starts `tradehost ARGUMENTS` in the repository root.
  init(_ arguments: [String]) throws {
    process.executableURL = URL(fileURLWithPath: CLI.executable)
    process.arguments = PinnedMarketStart.arguments(arguments)
    process.currentDirectoryURL = URL(fileURLWithPath: RepositoryPaths.root)
    let out = ChildSpawn.pipe()
    let err = ChildSpawn.pipe()
    process.standardOutput = out
    process.standardError = err
    out.fileHandleForReading.readabilityHandler = { [self] handle in collect(handle, stderr: false) }
    err.fileHandleForReading.readabilityHandler = { [self] handle in collect(handle, stderr: true) }
    process.terminationHandler = { [self] _ in
      condition.lock()
      ended = true
      condition.broadcast()
      condition.unlock()
    }
    try ChildSpawn.run(process)
  }

  private func collect(_ handle: FileHandle, stderr: Bool) {
    let data = handle.availableData
    if data.isEmpty {
      handle.readabilityHandler = nil
      condition.lock()
      closedStreams += 1
      condition.broadcast()
      condition.unlock()
      return
    }
    condition.lock()
    if stderr {
      stderrText += String(decoding: data, as: UTF8.self)
    } else {
      stdoutText += String(decoding: data, as: UTF8.self)
    }
    condition.broadcast()
    condition.unlock()
  }

  var stderr: String {
    condition.lock()
    defer { condition.unlock() }
    return stderrText
  }

  var stdout: String {
    condition.lock()
    defer { condition.unlock() }
    return stdoutText
  }

  /// Waits until stderr contains `text`, at most `seconds`; `false` when it did not.
  func waitForStderr(_ text: String, within seconds: Double) -> Bool {
    let deadline = Date(timeIntervalSinceNow: seconds)
    condition.lock()
    defer { condition.unlock() }
    while !stderrText.contains(text) {
      if !condition.wait(until: deadline) { return stderrText.contains(text) }
    }
    return true
  }

  /// Waits until stderr contains `text` `count` times, at most `seconds`; `false` when it did
  /// not.
  func waitForStderr(_ text: String, count: Int, within seconds: Double) -> Bool {
    let deadline = Date(timeIntervalSinceNow: seconds)
    condition.lock()
    defer { condition.unlock() }
    while stderrText.components(separatedBy: text).count - 1 < count {
      if !condition.wait(until: deadline) {
        return stderrText.components(separatedBy: text).count - 1 >= count
      }
    }
    return true
  }

  /// Waits for the process to exit and its output to be read to the end, at most `seconds`: its
  /// exit status, or `nil` when it was still running (then it is killed).
  func waitForExit(within seconds: Double) -> Int32? {
    let deadline = Date(timeIntervalSinceNow: seconds)
    condition.lock()
    while !ended || closedStreams < 2 {
      if !condition.wait(until: deadline) { break }
    }
    let done = ended && closedStreams == 2
    condition.unlock()
    guard done else {
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      return nil
    }
    process.waitUntilExit()
    return process.terminationStatus
  }
}
