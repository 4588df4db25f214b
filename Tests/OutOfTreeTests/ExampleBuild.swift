import Foundation
import HostTestKit
import PluginHost

/// Builds the out-of-tree example (`docs/examples/out-of-tree/`) the way a third-party author
/// would: `swift build` on its own Package.swift, which depends on PluginKit by path, and `cc` on
/// its C plugin. Products go to `.build/out-of-tree/`, where the example's manifests point.
///
/// The build runs once per test process (the first test that asks starts it; the others await the
/// same task). Children get a clean environment, PATH and HOME only, so nothing of the outer
/// `swift test` (its SwiftPM variables) leaks into the nested build. Their output goes to log files
/// beside the products, and a failed step fails the tests with that output.
enum ExampleBuild {
  /// The example package.
  static let example = RepositoryPaths.root + "/docs/examples/out-of-tree"
  /// Its manifests.
  static let manifests = example + "/manifests"
  /// The nested build's scratch path.
  static let scratch = RepositoryPaths.root + "/.build/out-of-tree"

  /// The one build of this process.
  static let task = Task { await build() }

  /// Waits for the build; throws its output when it failed.
  static func require() async throws {
    _ = try await task.value.get()
  }

  /// A step that failed, with its command line and output.
  struct Failure: Error, CustomStringConvertible {
    let command: [String]
    let status: Int32
    let output: String

    var description: String {
      "`\(command.joined(separator: " "))` exited with status \(status):\n\(output)"
    }
  }

  private static func build() async -> Result<Duration, Failure> {
    let clock = ContinuousClock()
    let start = clock.now
    let steps: [(log: String, command: [String])] = [
      (
        "swift-build.log",
        [
          "swift", "build", "-c", "release", "--package-path", example, "--scratch-path", scratch,
        ]
      ),
      (
        "cc.log",
        [
          "cc", "-std=c11", "-O2", "-fPIC", "-shared", "-fvisibility=hidden", "-Wall", "-Wextra",
          "-Werror", "-I", RepositoryPaths.root + "/PluginAPI/CTradeHostPlugin/include",
          "-Wl,--version-script=" + example + "/plugin.exports", "-Wl,-z,nodelete",
          "-o", scratch + "/c/libmomentum.so", example + "/c/momentum.c", "-lm",
        ]
      ),
      (
        "cc-venue.log",
        [
          "cc", "-std=c11", "-O2", "-fPIC", "-shared", "-fvisibility=hidden", "-Wall", "-Wextra",
          "-Werror", "-I", RepositoryPaths.root + "/PluginAPI/CTradeHostPlugin/include",
          "-Wl,--version-script=" + example + "/plugin.exports", "-Wl,-z,nodelete",
          "-o", scratch + "/c/libclose_venue.so", example + "/c/close_venue.c", "-lm",
        ]
      ),
    ]
    do {
      try FileManager.default.createDirectory(
        atPath: scratch + "/c", withIntermediateDirectories: true)
    } catch {
      return .failure(Failure(command: ["mkdir", scratch + "/c"], status: -1, output: "\(error)"))
    }
    for step in steps {
      let log = scratch + "/" + step.log
      let status: Int32
      do {
        status = try await run(step.command, log: log)
      } catch {
        return .failure(
          Failure(command: step.command, status: -1, output: "cannot start: \(error)"))
      }
      guard status == 0 else {
        let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? "(no output in \(log))"
        return .failure(Failure(command: step.command, status: status, output: output))
      }
    }
    if let failure = lock() { return .failure(failure) }
    let elapsed = clock.now - start
    print("OutOfTreeTests: built the out-of-tree example in \(elapsed) (logs in \(scratch))")
    return .success(elapsed)
  }

  /// The libraries of each build folder, for its `plugins.lock`.
  static let libraries = [
    "release": ["libBreakoutStrategy.so", "libPaperVenueExchange.so"], "c": ["libmomentum.so", "libclose_venue.so"],
  ]

  /// Records the libraries' digests in `plugins.lock` beside them, as the example's Makefile
  /// does after its build (docs/writing-plugins.md), so the loader checks them.
  private static func lock() -> Failure? {
    for (folder, names) in libraries {
      var lock = PluginLock()
      let directory = scratch + "/" + folder
      for name in names {
        guard let bytes = FileManager.default.contents(atPath: directory + "/" + name) else {
          return Failure(command: ["lock", directory], status: -1, output: "\(name) is missing")
        }
        lock.record(FileDigest.sha256Hex([UInt8](bytes)), for: name)
      }
      do throws(PluginLoadError.Cause) {
        try lock.write(to: directory + "/" + PluginLock.fileName)
      } catch {
        return Failure(command: ["lock", directory], status: -1, output: error.message)
      }
    }
    return nil
  }

  /// Runs `command` through /usr/bin/env (so PATH finds `swift` and `cc`) with a clean
  /// environment, its output appended to `log`; returns the exit status.
  private static func run(_ command: [String], log: String) async throws -> Int32 {
    let inherited = ProcessInfo.processInfo.environment
    guard FileManager.default.createFile(atPath: log, contents: nil) else {
      throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: log])
    }
    let output = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
    defer { try? output.close() }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = command
    process.environment = [
      "PATH": inherited["PATH"] ?? "/usr/local/bin:/usr/bin:/bin",
      "HOME": inherited["HOME"] ?? NSHomeDirectory(),
    ]
    process.currentDirectoryURL = URL(fileURLWithPath: example)
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = output
    process.standardError = output
    return try await withCheckedThrowingContinuation { continuation in
      process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
      do {
        try ChildSpawn.run(process)
      } catch {
        process.terminationHandler = nil
        continuation.resume(throwing: error)
      }
    }
  }
}
