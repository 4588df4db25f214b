import Foundation
import HostTestKit
import Testing

/// Issue 12, item 4: amounts beyond what the ledger holds are refused with a reason, never
/// clamped and never a crash (both runs below ended in SIGILL at the risk wrapper's
/// `notionalToday +=` before).
@Suite("tradehost backtest: huge prices and sizes are refused, not trapped")
struct LedgerOverflowCommandTests {
  /// Every run is bounded: `timeout` ends a hung child (exit 124), failing the test.
  static let bounded = ["/usr/bin/timeout", "300"]

  func json(_ output: CLI.Output) throws -> [String: Any] {
    let object = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8))
    return try #require(object as? [String: Any])
  }

  @Test("the README backtest with one SPY price at 50000000000000000: the mark and fills are refused")
  func absurdPrice() throws {
    let folder = NSTemporaryDirectory() + "ledger-overflow-\(getpid())"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let text = try String(contentsOfFile: BacktestCommandTests.spy, encoding: .utf8)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let fields = lines[499].split(separator: ",").map(String.init)
    let price = "50000000000000000"
    lines[499] = [fields[0], price, price, price, price, fields[5]].joined(separator: ",")
    let data = folder + "/spy.csv"
    try lines.joined(separator: "\n").write(toFile: data, atomically: true, encoding: .utf8)
    let output = try CLI.run(
      [
        "backtest", "--data", data, "--instrument", "SPY.ARCA", "--strategy", "ema-cross",
        "--param", "fast_period=10", "--param", "slow_period=20", "--risk-preset", "unlimited",
        "--json", "--no-cache",
      ], launcher: Self.bounded)
    #expect(output.status == 0, "\(output.stderr.prefix(2_000))")
    let report = try json(output)
    #expect(report["refused_marks"] as? Int == 1)
    #expect((report["refused_fills"] as? Int ?? 0) >= 1)
    #expect(output.stderr.contains("mark 50000000000000000.00 of SPY.ARCA refused"))
    // The run went on with the previous mark: equity stays near the parity run's.
    let equity = try #require(report["final_equity"] as? Double)
    #expect(abs(equity - 999_907.25) < 10)
  }

  @Test("orders of up to 1e15 shares are denied with code 15; refused fills leave the books")
  func hugeQuantities() throws {
    let output = try CLI.run(
      [
        "backtest", "--data", BacktestCommandTests.spy, "--instrument", "SPY.ARCA", "--strategy",
        "fuzz-orders", "--param", "lot=1000000000", "--param", "max_lots=1000000", "--param",
        "invalid_share=0", "--risk-preset", "unlimited", "--json", "--no-cache",
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
