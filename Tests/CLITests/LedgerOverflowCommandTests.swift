import Foundation
import HostTestKit
import Testing

/// Issue 12, item 4: amounts beyond what the ledger holds are refused with a reason, never
/// clamped and never a crash (the README's run on a file with a 5e16 price, and orders of
/// 1e15 shares, ended in SIGILL at the risk wrapper's `notionalToday +=` before).
@Suite("tradehost backtest: huge prices and sizes are refused, not trapped")
struct LedgerOverflowCommandTests {
  /// Every run is bounded: `timeout` ends a hung child (exit 124), failing the test.
  static let bounded = ["/usr/bin/timeout", "300"]

  func json(_ output: CLI.Output) throws -> [String: Any] {
    let object = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8))
    return try #require(object as? [String: Any])
  }

  /// The SPY file with every price of line 500 set to `price`, in a temporary folder.
  func spyCopy(price: String, in folder: String) throws -> String {
    let text = try String(contentsOfFile: BacktestCommandTests.spy, encoding: .utf8)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let fields = lines[499].split(separator: ",").map(String.init)
    lines[499] = [fields[0], price, price, price, price, fields[5]].joined(separator: ",")
    let path = folder + "/spy-\(price).csv"
    try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  @Test("a SPY price of 50000000000000000 is refused by the reader; one inside its range by the ledger")
  func absurdPrice() throws {
    let folder = NSTemporaryDirectory() + "ledger-overflow-\(getpid())"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    // The README's command on the file (SIGILL before): the reader names the line now.
    let readme = try CLI.run(
      [
        "backtest", "--data", spyCopy(price: "50000000000000000", in: folder), "--instrument",
        "SPY.ARCA", "--strategy", "ema-cross", "--param", "fast_period=10", "--param",
        "slow_period=20", "--risk-preset", "unlimited", "--json", "--no-cache",
      ], launcher: Self.bounded)
    #expect(readme.status == 2, "\(readme.stderr.prefix(2_000))")
    #expect(readme.stderr.contains(":500:"))
    // A price the reader accepts still overflows with big positions: the ledger refuses the
    // mark (the previous one stays) and the fills it cannot hold, and the run goes on.
    let output = try CLI.run(
      [
        "backtest", "--data", spyCopy(price: "1000000000", in: folder), "--instrument",
        "SPY.ARCA", "--strategy", "fuzz-orders", "--param", "lot=1000000000", "--param",
        "max_lots=1000000", "--param", "invalid_share=0", "--risk-preset", "unlimited",
        // No leverage cap: the ledger, not the account model, must refuse these sizes.
        "--account", "margin:none", "--json", "--no-cache",
      ], launcher: Self.bounded)
    #expect(output.status == 0, "\(output.stderr.prefix(2_000))")
    let report = try json(output)
    #expect((report["refused_marks"] as? Int ?? 0) >= 1)
    #expect((report["refused_fills"] as? Int ?? 0) >= 1)
    #expect(output.stderr.contains("mark 1000000000.00 of SPY.ARCA refused"))
    let slots = try #require(report["slots"] as? [[String: Any]])
    #expect(slots.first?["plugin_errors"] as? Int == 0)
  }

  @Test("orders of up to 1e15 shares are denied with code 15; refused fills leave the books")
  func hugeQuantities() throws {
    let output = try CLI.run(
      [
        "backtest", "--data", BacktestCommandTests.spy, "--instrument", "SPY.ARCA", "--strategy",
        "fuzz-orders", "--param", "lot=1000000000", "--param", "max_lots=1000000", "--param",
        "invalid_share=0", "--risk-preset", "unlimited", "--account", "margin:none", "--json",
        "--no-cache",
      ], launcher: Self.bounded)
    #expect(output.status == 0, "\(output.stderr.prefix(2_000))")
    let report = try json(output)
    let reasons = try #require(report["denials_by_reason"] as? [String: Int])
    #expect(
      (reasons["15 the position would exceed what the ledger can hold"] ?? 0) > 1_000, "\(reasons)")
    // The strategy checks that every denial carries a code and a reason (refused fills too).
    let slots = try #require(report["slots"] as? [[String: Any]])
    #expect(slots.first?["plugin_errors"] as? Int == 0)
  }
}
