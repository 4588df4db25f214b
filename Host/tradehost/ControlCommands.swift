import ArgumentParser
import Control
import Foundation

/// Options every control-channel client command shares.
struct ControlOptions: ParsableArguments {
  @Option(name: .long, help: "The running host's control socket (default as for `tradehost run`).")
  var socket: String?

  @Flag(name: .long, help: "Print the host's JSON answer.")
  var json = false

  var path: String {
    socket ?? ControlSocket.defaultPath(environment: ProcessInfo.processInfo.environment)
  }

  /// Sends `command` and prints the answer; exits 1 with the host's or the channel's message.
  func send(_ command: String, render: (JSONValue) -> String) throws {
    let response: ControlResponse
    do {
      response = try ControlClient.send(ControlRequest(command: command), to: path)
    } catch {
      printError(error.description)
      throw ExitCode(1)
    }
    guard response.ok else {
      printError(response.error ?? "the host refused '\(command)'")
      throw ExitCode(1)
    }
    print(json ? response.result.jsonText : render(response.result))
  }
}

/// `tradehost status`: the running host's state, orders, equity and slots.
struct StatusCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "status", abstract: "Show a running host's state.")
  @OptionGroup var options: ControlOptions

  func run() throws {
    try options.send("status") { result in
      let slots =
        result["slots"].flatMap { value -> [JSONValue]? in
          if case .array(let items) = value { return items }
          return nil
        } ?? []
      var lines = [
        "state \(result["state"]?.stringValue ?? "?")  events \(result["events"]?.jsonText ?? "?")  orders \(result["orders"]?.jsonText ?? "?")  fills \(result["fills"]?.jsonText ?? "?")  equity \(result["equity"]?.stringValue ?? "?") \(result["currency"]?.stringValue ?? "")"
      ]
      for slot in slots {
        lines.append(
          "  slot \(slot["name"]?.stringValue ?? "?") (\(slot["strategy"]?.stringValue ?? "?") \(slot["version"]?.stringValue ?? "")): equity \(slot["equity"]?.stringValue ?? "?"), positions \(slot["positions"]?.jsonText ?? "{}")"
        )
      }
      return lines.joined(separator: "\n")
    }
  }
}

/// `tradehost pause`: deny new orders (market data still flows, resting orders still fill).
struct PauseCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "pause", abstract: "Pause trading on a running host (new orders are denied).")
  @OptionGroup var options: ControlOptions

  func run() throws { try options.send("pause") { _ in "paused" } }
}

/// `tradehost resume`: accept new orders again.
struct ResumeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "resume", abstract: "Resume trading on a paused host.")
  @OptionGroup var options: ControlOptions

  func run() throws { try options.send("resume") { _ in "running" } }
}

/// `tradehost stop`: stop the running host cleanly (its --on-stop policy applies).
struct StopCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "stop", abstract: "Stop a running host cleanly.")
  @OptionGroup var options: ControlOptions

  func run() throws { try options.send("stop") { _ in "stopping" } }
}
