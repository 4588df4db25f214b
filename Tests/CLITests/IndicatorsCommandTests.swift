import Foundation
import HostTestKit
import Testing

/// `tradehost indicators list` and `run`: a user's way to see the indicators and check their
/// outputs (parity with TA-Lib) on data of their own.
@Suite("tradehost indicators")
struct IndicatorsCommandTests {
  static let spyDaily = RepositoryPaths.sharedData + "/bars/spy_1d_trade_bars_19980102_20210331.csv"

  @Test("list shows each indicator's input, outputs and parameters")
  func list() throws {
    let output = try CLI.run(["indicators", "list"])
    #expect(output.status == 0, "\(output.stderr)")
    let text = output.stdout
    #expect(text.contains("macd 1.0.0: "))
    #expect(text.contains("  outputs: macd, signal, hist\n"))
    #expect(text.contains("    fast_period (int, default 12, min 2, max 100000): "))
    #expect(text.contains("atr 1.0.0: "))
    #expect(text.contains("  input: bar\n"))
    #expect(!text.contains("ema-cross"), "a strategy is not an indicator")
  }

  @Test("run writes every output for every bar, empty during the warm-up, TA-Lib's values after")
  func runMACD() throws {
    let folder = try TemporaryDirectory()
    let csv = folder.path + "/macd.csv"
    let output = try CLI.run([
      "indicators", "run", "macd", "--data", Self.spyDaily, "--param", "signal_period=9",
      "--csv", csv,
    ])
    #expect(output.status == 0, "\(output.stderr)")
    let lines = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n")
    #expect(lines.first == "ts_event,macd,signal,hist")
    #expect(lines.count == 5_849 + 1)
    // TA-Lib's lookback is 33: rows 1...33 are empty, row 34 is bar 33.
    #expect(lines[33].hasSuffix(",,,"))
    let first = lines[34].split(separator: ",", omittingEmptySubsequences: false)
    #expect(first.count == 4)
    // Pinned from TA-Lib 0.8.1 (Tests/Fixtures/talib/pinned.csv, bar 33).
    let macd = try #require(Double(first[1]))
    #expect(abs(macd - 1.9807820363583346) <= 1e-9 * 1.9807820363583346)
    let hist = try #require(Double(first[3]))
    #expect(abs(hist - (macd - (try #require(Double(first[2]))))) <= 1e-12)
  }

  @Test("an unknown indicator, a bad --param and a missing file each exit 1 or 2 with a reason")
  func errors() throws {
    let unknown = try CLI.run([
      "indicators", "run", "nope", "--data", Self.spyDaily, "--csv", "/dev/null",
    ])
    #expect(unknown.status == 1)
    #expect(unknown.stderr.contains("nope"), "\(unknown.stderr)")
    let badParam = try CLI.run([
      "indicators", "run", "macd", "--data", Self.spyDaily, "--param", "fast_period", "--csv",
      "/dev/null",
    ])
    #expect(badParam.status == 2)
    #expect(badParam.stderr.contains("--param 'fast_period' is not NAME=VALUE"))
    let badValue = try CLI.run([
      "indicators", "run", "macd", "--data", Self.spyDaily, "--param", "fast_period=30",
      "--csv", "/dev/null",
    ])
    #expect(badValue.status == 1)
    #expect(badValue.stderr.contains("fast_period (30) must be below slow_period (26)"))
    let missing = try CLI.run([
      "indicators", "run", "macd", "--data", "/nonexistent/bars.csv", "--csv", "/dev/null",
    ])
    #expect(missing.status == 1)
    #expect(missing.stderr.contains("/nonexistent/bars.csv"), "\(missing.stderr)")
  }

  @Test("a C library declared through ffi is listed and run like a plugin, with the same values")
  func foreignLibrary() throws {
    let ffi = RepositoryPaths.fixtures + "/ffi"
    let list = try CLI.run(["indicators", "list", "--manifests", ffi])
    #expect(list.status == 0, "\(list.stderr)")
    #expect(list.stdout.contains("fx-sma 1.0.0: "))
    #expect(
      list.stdout.contains(
        "  ffi: fx_sma (array form, through libffi) in ../../../.build/fixtures/libfixture_ffi.so\n"))
    #expect(list.stdout.contains("  ffi: fx_ema_new (streaming form, through libffi) in "))
    let folder = try TemporaryDirectory()
    var outputs: [String] = []
    for (id, search) in [("fx-sma", [ffi]), ("sma", [RepositoryPaths.manifests])] {
      let csv = folder.file("\(id).csv")
      let run = try CLI.run(
        ["indicators", "run", id, "--data", Self.spyDaily, "--param", "period=20", "--csv", csv]
          + search.flatMap { ["--manifests", $0] })
      #expect(run.status == 0, "\(run.stderr)")
      outputs.append(try String(contentsOfFile: csv, encoding: .utf8))
    }
    let lines = outputs[0].split(separator: "\n")
    #expect(lines.count == 5_849 + 1)
    #expect(lines[19].hasSuffix(","))
    #expect(!lines[20].hasSuffix(","))
    // The same bars and warm-up; values within rounding (fx_sma sums each window afresh, the
    // host's sma keeps a running sum).
    let theirs = outputs[1].split(separator: "\n")
    #expect(theirs.count == lines.count)
    for (mine, other) in zip(lines, theirs).dropFirst() {
      let a = mine.split(separator: ",", omittingEmptySubsequences: false)
      let b = other.split(separator: ",", omittingEmptySubsequences: false)
      guard a[0] == b[0], a[1].isEmpty == b[1].isEmpty else {
        Issue.record("\(mine) against \(other)")
        return
      }
      if let x = Double(a[1]), let y = Double(b[1]), abs(x - y) > 1e-12 * abs(y) {
        Issue.record("\(mine) against \(other)")
        return
      }
    }
  }
}
