import Foundation
import HostTestKit
import Testing

/// `tradehost run --start`: where a generated market's clock begins. Daily limits follow that
/// clock, so the start is part of what makes a paper run repeatable.
@Suite("tradehost run --start")
struct MarketStartCommandTests {
  /// A 600-bar paper run of seed 7 from `start`: its status, its summary line and its stderr.
  func run(start: String) throws -> CLI.Output {
    let folder = try TemporaryDirectory()
    return try CLI.run([
      "run", "--interval-ms", "0", "--bars", "600", "--report-every", "0", "--seed", "7",
      "--socket", folder.file("control.sock"), "--state-dir", folder.path, "--no-watch",
      "--http", "none", "--start", start,
    ])
  }

  func summary(_ output: CLI.Output) -> String {
    output.stdout.split(separator: "\n").first { $0.hasPrefix("stopped after") }.map(String.init)
      ?? ""
  }

  @Test("the same seed and start give the same trades; the start line says the start")
  func sameStartSameTrades() throws {
    let first = try run(start: "2024-03-04T00:00:00Z")
    let again = try run(start: "1709510400")
    #expect(first.status == 0, "\(first.stderr)")
    #expect(
      first.stderr.contains("generated (seed 7, from 2024-03-04T00:00:00Z)"), "\(first.stderr)")
    #expect(again.stderr.contains("generated (seed 7, from 2024-03-04T00:00:00Z)"))
    #expect(!summary(first).isEmpty)
    #expect(summary(first) == summary(again))
  }

  @Test("a start whose 600 bars cross midnight meets the daily limits twice: other trades")
  func theStartMatters() throws {
    let morning = try run(start: "2024-03-04T00:00:00Z")
    let evening = try run(start: "2024-03-04T20:00:00Z")
    #expect(morning.status == 0 && evening.status == 0)
    #expect(morning.stdout.contains("orders per day"), "\(morning.stdout)")
    #expect(summary(morning) != summary(evening), "\(summary(morning))")
  }

  @Test(
    "a start that does not read, or one given with --replay or a real-time pace, is one clear error",
    arguments: [
      (["--start", "yesterday"], "--start 'yesterday': "),
      (["--start", "9300000000"], "--start 9300000000: epoch seconds out of range"),
      (["--start", "2024-03-04", "--replay", "x.csv"], "--replay runs on the file's own times"),
      (
        ["--start", "2024-03-04", "--interval-ms", "60000"],
        "a real-time session runs on the wall clock"
      ),
    ])
  func badStart(arguments: [String], message: String) throws {
    let folder = try TemporaryDirectory()
    let output = try CLI.run(
      ["run", "--state-dir", folder.path, "--socket", folder.file("control.sock")] + arguments)
    #expect(output.status == 2)
    #expect(output.stderr.contains(message), "\(output.stderr)")
  }
}
