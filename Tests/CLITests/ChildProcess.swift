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
  /// Whether stderr reached its end.
  private var stderrClosed = false

  /// Starts `tradehost ARGUMENTS` in the repository root.
  init(_ arguments: [String]) throws {
    process.executableURL = URL(fileURLWithPath: CLI.executable)
    process.arguments = PinnedMarketStart.arguments(arguments)
    process.currentDirectoryURL = URL(fileURLWithPath: RepositoryPaths.root)
    let out = ChildSpawn.pipe()
    let err = ChildSpawn.pipe()
    process.standardOutput = out
    process.standardError = err
    // Foundation runs the termination handler on a thread of its own.
    process.terminationHandler = { [self] _ in
      condition.lock()
      ended = true
      condition.broadcast()
      condition.unlock()
    }
    try ChildSpawn.run(process)
    // Dedicated threads, not dispatch handlers: a test that blocks in a wait holds one of the
    // few threads the test runner and dispatch share, and when every one of them waits for a
    // child, a handler that should collect that child's output never runs (seen in CI: a host's
    // exit and another's start line went unseen for 60 s while both had long happened). Only
    // one thread ever calls `waitUntilExit` on the process (`waitForExit`): Foundation keeps
    // the waiting thread's run loop in the process, unguarded.
    let reading = [(out.fileHandleForReading, false), (err.fileHandleForReading, true)]
    for (handle, isStderr) in reading {
      Thread { [self] in drain(handle, stderr: isStderr) }.start()
    }
  }

  /// Reads `handle` to its end on the calling thread, appending what arrives.
  private func drain(_ handle: FileHandle, stderr: Bool) {
    // `availableData` returns what one read gives (blocking until some arrives; empty at the
    // end); `read(upToCount:)` would wait for the whole count.
    while case let data = handle.availableData, !data.isEmpty {
      condition.lock()
      if stderr {
        stderrText += String(decoding: data, as: UTF8.self)
      } else {
        stdoutText += String(decoding: data, as: UTF8.self)
      }
      condition.broadcast()
      condition.unlock()
    }
    condition.lock()
    closedStreams += 1
    if stderr { stderrClosed = true }
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

  /// Waits until stderr contains `text`, at most `seconds`; `false` when it did not (also at
  /// once when the child closed its stderr without writing it).
  func waitForStderr(_ text: String, within seconds: Double) -> Bool {
    waitForStderr(text, count: 1, within: seconds)
  }

  /// Waits until stderr contains `text` `count` times, at most `seconds`; `false` when it did
  /// not (also at once when the child closed its stderr first).
  func waitForStderr(_ text: String, count: Int, within seconds: Double) -> Bool {
    let deadline = Date(timeIntervalSinceNow: seconds)
    condition.lock()
    defer { condition.unlock() }
    while stderrText.components(separatedBy: text).count - 1 < count {
      if stderrClosed || !condition.wait(until: deadline) {
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
