import Foundation
import HostTestKit
import Testing

@Suite("tradehost run and the control channel")
struct RunCommandTests {
  @Test("a bounded run on the synthetic market trades, stops and flattens")
  func boundedRun() throws {
    let socket = "/tmp/th-cli-\(getpid())-a/control.sock"
    let output = try CLI.run([
      "run", "--interval-ms", "0", "--bars", "2000", "--report-every", "0", "--socket", socket,
      "--seed", "11", "--state-dir", (socket as NSString).deletingLastPathComponent,
    ])
    #expect(output.status == 0, "\(output.stderr)")
    #expect(output.stdout.contains("stopped after 2000 bars"))
    #expect(output.stdout.contains("flat"))
    #expect(!FileManager.default.fileExists(atPath: socket))
  }

  @Test(
    "the default limits time the generated market by its bars: it trades, and every denial count comes with its reasons and the denials file"
  )
  func defaultRunExplainsItself() throws {
    let folder = try TemporaryDirectory()
    let output = try CLI.run([
      "run", "--interval-ms", "0", "--bars", "1000", "--report-every", "500", "--socket",
      folder.path + "/control.sock", "--state-dir", folder.path, "--no-watch",
    ])
    #expect(output.status == 0, "\(output.stderr)")
    // Wall-clock cooldowns let 2 orders through here; on the market's clock the 5-minute
    // cooldown is 5 bars.
    let orders = output.stdout.firstMatch(of: /orders (\d+)/).flatMap { Int($0.1) } ?? 0
    #expect(orders >= 10, "\(output.stdout)")
    #expect(output.stdout.contains("cooldown after the last trade"), "\(output.stdout)")
    #expect(output.stdout.contains(#/\d+ denied: \d+ /#), "\(output.stdout)")
    #expect(output.stdout.contains("each refused order: \(folder.path)/denials.jsonl"))
    #expect(output.stderr.contains("market clock: a 60 s bar"), "\(output.stderr)")
    // Not a terminal: plain status lines, no carriage returns.
    #expect(output.stderr.contains("[running, trading active"))
    #expect(!output.stderr.contains("\r"))
  }

  @Test("run --replay replays a data file as the paper market, through the risk wrapper, to its end")
  func replay() throws {
    let folder = try TemporaryDirectory()
    let data = RepositoryPaths.sharedData + "/bars/spy_1d_trade_bars_19980102_20210331.csv"
    let output = try CLI.run([
      "run", "--replay", data, "--symbol", "SPY.ARCA", "--speed", "0", "--report-every", "0",
      "--socket", folder.path + "/control.sock", "--state-dir", folder.path, "--no-watch",
    ])
    #expect(output.status == 0, "\(output.stderr)")
    #expect(output.stderr.contains("SPY.ARCA replayed from \(data)"), "\(output.stderr)")
    #expect(output.stderr.contains("1998-01-03"), "\(output.stderr)")
    #expect(output.stdout.contains("(the replay reached the end of its file)"), "\(output.stdout)")
    #expect(output.stdout.contains("SPY.ARCA"), "\(output.stdout)")
    let orders = output.stdout.firstMatch(of: /orders (\d+)/).flatMap { Int($0.1) } ?? 0
    #expect(orders >= 5, "\(output.stdout)")
    let bad = try CLI.run([
      "run", "--replay", folder.path + "/missing.csv", "--socket", folder.path + "/c.sock",
      "--state-dir", folder.path, "--no-watch",
    ])
    #expect(bad.status == 2)
    #expect(bad.stderr.contains("--replay"), "\(bad.stderr)")
    #expect(bad.stderr.contains("missing.csv"), "\(bad.stderr)")
  }

  @Test("run --help lists the commands that talk to a running host")
  func helpListsControlCommands() throws {
    let help = try CLI.run(["run", "--help"]).stdout.split(whereSeparator: \.isWhitespace).joined(
      separator: " ")
    for command in [
      "tradehost status", "pause", "resume", "reduce", "kill", "unfreeze", "stop", "slots",
      "reload ID", "promote SLOT", "rollback SLOT", "role SLOT ROLE",
    ] {
      #expect(help.contains(command), "\(command)")
    }
  }

  @Test("status, pause, resume and stop over the socket; SIGINT and SIGTERM stop cleanly too")
  func controlChannel() throws {
    for stopBy in ["stop", "SIGINT", "SIGTERM"] {
      let socket = "/tmp/th-cli-\(getpid())-\(stopBy)/control.sock"
      let host = Process()
      host.executableURL = URL(fileURLWithPath: CLI.executable)
      host.arguments = PinnedMarketStart.arguments([
        "run", "--interval-ms", "5", "--report-every", "0", "--socket", socket, "--on-stop", "keep",
        "--state-dir", (socket as NSString).deletingLastPathComponent,
      ])
      host.currentDirectoryURL = URL(fileURLWithPath: RepositoryPaths.root)
      let err = ChildSpawn.pipe()
      let out = ChildSpawn.pipe()
      host.standardError = err
      host.standardOutput = out
      try ChildSpawn.run(host)
      CLI.killIfRunning(host)
      // The host prints its banner once the control socket listens: read until then.
      var banner = ""
      while !banner.contains("Ctrl-C stops") {
        let chunk = err.fileHandleForReading.availableData
        if chunk.isEmpty { break }
        banner += String(decoding: chunk, as: UTF8.self)
      }
      #expect(banner.contains("control socket \(socket)"), "\(banner)")

      let status = try CLI.run(["status", "--socket", socket, "--json"])
      #expect(status.status == 0, "\(status.stderr)")
      #expect(status.stdout.contains("\"slots\":[{"))
      #expect(status.stdout.contains("\"denial_reasons\":["))
      let text = try CLI.run(["status", "--socket", socket])
      #expect(text.stdout.contains("slot production (ema-cross"), "\(text.stdout)")
      #expect(text.stdout.contains(" denied"), "\(text.stdout)")
      #expect(try CLI.run(["pause", "--socket", socket]).stdout == "pause queued for account\n")
      #expect(try CLI.run(["resume", "--socket", socket]).stdout == "resume queued for account\n")
      let unknown = try CLI.run(["status", "--socket", socket + ".missing"])
      #expect(unknown.status == 1)
      #expect(unknown.stderr.contains("no TradeHost is running"))

      if stopBy == "stop" {
        #expect(try CLI.run(["stop", "--socket", socket]).status == 0)
      } else if stopBy == "SIGINT" {
        host.interrupt()
      } else {
        host.terminate()
      }
      let summary = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      host.waitUntilExit()
      #expect(host.terminationStatus == 0)
      #expect(summary.contains("stopped after"), "\(summary)")
      #expect(!FileManager.default.fileExists(atPath: socket))
    }
  }
}
