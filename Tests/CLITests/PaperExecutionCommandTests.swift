import Foundation
import HostTestKit
import Testing

@Suite("tradehost run: the run config's execution section")
struct PaperExecutionCommandTests {
  /// A paper run of 300 generated bars with `execution` appended to a one-slot config; the
  /// account's equity at the stop.
  func equity(_ execution: String) throws -> Double {
    let folder = try TemporaryDirectory()
    let config = folder.file("run.yaml")
    try ("slots:\n  - name: production\n    strategy: ema-cross\n" + execution)
      .write(toFile: config, atomically: true, encoding: .utf8)
    let output = try CLI.run([
      "run", "--config", config, "--interval-ms", "0", "--bars", "300", "--report-every", "0",
      "--seed", "7", "--socket", folder.file("control.sock"), "--state-dir", folder.path,
      "--no-watch",
    ])
    #expect(output.status == 0, "\(output.stderr)")
    let match = try #require(output.stdout.firstMatch(of: /equity ([0-9.]+) USD/))
    return try #require(Double(match.1))
  }

  @Test("the paper market trades through the simulator with the config's execution settings")
  func feesApply() throws {
    let plain = try equity("")
    let charged = try equity("execution:\n  fees: {taker: 100}\n")
    #expect(charged < plain)
  }
}
