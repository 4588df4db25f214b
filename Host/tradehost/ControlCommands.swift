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
  func send(
    _ command: String, arguments: [String: String] = [:], render: (JSONValue) -> String
  ) throws {
    let response: ControlResponse
    do {
      response = try ControlClient.send(
        ControlRequest(command: command, arguments: arguments), to: path)
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
      StatusText.render(StatusJSON.snapshot(result), title: "host")
    }
  }
}

/// Options of the manual risk controls: the scope.
struct RiskControlOptions: ParsableArguments {
  @Option(name: .long, help: "Apply to this slot only (default: the whole account).")
  var slot: String?

  @Option(
    name: .long, help: "Apply to this instrument only, SYMBOL.VENUE (default: the whole account).")
  var instrument: String?

  @OptionGroup var control: ControlOptions

  func validate() throws {
    if slot != nil && instrument != nil {
      throw ValidationError("give --slot or --instrument, not both")
    }
  }

  /// Sends `action` for the scope and prints what was queued.
  func send(_ action: String) throws {
    var arguments: [String: String] = [:]
    arguments["slot"] = slot
    arguments["instrument"] = instrument
    try control.send(action, arguments: arguments) { result in
      let queued = "\(action) queued for \(result["scope"]?.stringValue ?? "?")"
      guard let note = result["note"]?.stringValue else { return queued }
      return queued + "\n" + note
    }
  }
}

/// `tradehost pause`: deny new orders (market data still flows, resting orders stay).
struct PauseCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "pause", abstract: "Pause trading on a running host (new orders are denied).")
  @OptionGroup var options: RiskControlOptions

  func run() throws { try options.send("pause") }
}

/// `tradehost resume`: back to active (clears a pause, a reduce, a halt or a kill).
struct ResumeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "resume",
    abstract: "Resume trading on a running host (clears pause, reduce, halt and kill).")
  @OptionGroup var options: RiskControlOptions

  func run() throws { try options.send("resume") }
}

/// `tradehost reduce`: only orders that reduce a position pass.
struct ReduceCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "reduce", abstract: "Let only position-reducing orders through on a running host.")
  @OptionGroup var options: RiskControlOptions

  func run() throws { try options.send("reduce") }
}

/// `tradehost kill`: cancel every open order, then flatten or freeze (the host's kill policy),
/// and halt until `resume`.
struct KillCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "kill",
    abstract: "Kill switch: cancel all open orders, flatten or freeze positions, halt trading.")
  @OptionGroup var options: RiskControlOptions

  func run() throws { try options.send("kill") }
}

/// `tradehost unfreeze`: lift a freeze of automatic deployments (the 7-day drawdown rule).
struct UnfreezeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "unfreeze", abstract: "Lift the freeze of automatic deployments on a running host."
  )
  @OptionGroup var options: RiskControlOptions

  func run() throws { try options.send("unfreeze") }
}

/// `tradehost stop`: stop the running host cleanly (its --on-stop policy applies).
struct StopCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "stop", abstract: "Stop a running host cleanly.")
  @OptionGroup var options: ControlOptions

  func run() throws {
    try options.send("stop") { result in
      result["note"]?.stringValue.map { "stopping\n" + $0 } ?? "stopping"
    }
  }
}
