import Foundation
import HostTestKit
import Testing

/// `tradehost run --venue ID` paper-trades the EMA-cross at each of the example's venues, built
/// out of tree: the host process loads them from the example's manifests and nothing else.
@Suite("Out-of-tree example: venues in tradehost run", .timeLimit(.minutes(10)))
struct VenueRunTests {
  /// The debug `tradehost` SwiftPM built beside the tests.
  static let executable = RepositoryPaths.root + "/.build/debug/tradehost"

  @Test("300 generated bars trade at the venue and end flat, with no denial or fault", arguments: ["paper-venue", "close-venue"])
  func paperTrades(_ venue: String) async throws {
    _ = try await Example.registry()  // builds the example
    guard FileManager.default.isExecutableFile(atPath: Self.executable) else {
      Issue.record("\(Self.executable) is missing: run `swift build`")
      return
    }
    let folder = try TemporaryDirectory()
    let output = folder.path + "/out.txt"
    _ = FileManager.default.createFile(atPath: output, contents: nil)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Self.executable)
    process.currentDirectoryURL = URL(fileURLWithPath: RepositoryPaths.root)
    process.arguments = PinnedMarketStart.arguments([
      "run", "--venue", venue, "--manifests", "manifests", "--manifests",
      ExampleBuild.manifests, "--bars", "300", "--interval-ms", "0", "--risk-preset", "unlimited",
      "--state-dir", folder.path + "/state", "--socket", folder.path + "/sock", "--no-watch",
      "--param", "fast_period=5", "--param", "slow_period=10",
    ])
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
    process.standardOutput = handle
    process.standardError = handle
    try ChildSpawn.run(process)
    // A host that hangs is killed, and the test fails on its exit status.
    let pid = process.processIdentifier
    DispatchQueue.global().asyncAfter(deadline: .now() + 120) {
      if process.isRunning { kill(pid, SIGKILL) }
    }
    process.waitUntilExit()
    let text = try String(contentsOfFile: output, encoding: .utf8)
    #expect(process.terminationStatus == 0, "\(text)")
    let summary = try #require(text.split(separator: "\n").last { $0.hasPrefix("stopped after 300 bars") })
    #expect(summary.contains("0 denied"), "\(summary)")
    #expect(!summary.contains("fills 0 "), "\(summary)")
    #expect(text.contains("flat, "), "\(text)")
    #expect(!text.contains("venue '\(venue)'"), "a venue fault was logged: \(text)")
  }
}
