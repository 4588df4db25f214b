import HostTestKit
import Testing

/// `tradehost run --venue ID` with a live adapter's stand-in (the C fixture's streaming build):
/// the bars it streams drive the run's instrument, in place of the generated market.
@Suite("CLI: a streaming venue in tradehost run")
struct StreamingVenueCommandTests {
  @Test("the instrument is marked at the venue's streamed bars, not the generated market's")
  func streamedBarsDriveTheRun() throws {
    let folder = try TemporaryDirectory(prefix: "th-stream")
    let output = try CLI.run([
      "run", "--manifests", "manifests", "--manifests", "Tests/Fixtures/plugins", "--venue",
      "fixture-stream-venue", "--bars", "5", "--interval-ms", "0", "--state-dir",
      folder.file("state"), "--socket", folder.file("c.sock"), "--no-watch", "--store", "none",
    ])
    #expect(output.status == 0, "\(output.stderr)")
    // Five rounds, one streamed bar each (closes 100.00 ... 100.04).
    #expect(output.stdout.contains("events 5"), "\(output.stdout)")
    #expect(output.stdout.contains("SIM-A.SIM 100.04"), "\(output.stdout)")
  }
}
