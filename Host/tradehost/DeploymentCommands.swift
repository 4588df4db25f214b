import ArgumentParser
import Control

/// Prints a deployment command's outcomes (or that it is still loading).
private func renderOutcomes(_ result: JSONValue) -> String {
  if case .array(let outcomes) = result["outcomes"] ?? .null {
    return outcomes.compactMap(\.stringValue).joined(separator: "\n")
  }
  return result["note"]?.stringValue ?? "queued"
}

/// `tradehost slots`: slots, roles, versions and statistics of a running host.
struct SlotsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "slots",
    abstract: "List a running host's slots: roles, versions, statistics, comparisons.")
  @OptionGroup var options: ControlOptions

  func run() throws { try options.send("slots", render: SlotsJSON.text) }
}

/// `tradehost reload ID`: hot-reload a strategy plugin.
struct ReloadCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "reload",
    abstract: "Hot-reload a strategy plugin in a running host (new version beside the old).",
    discussion: """
      Reads the plugin's manifest again from the host's manifest folder, loads the library as a \
      new image, checks ABI, checksum and parameters, hands the running instance's state over \
      (or warms the new one from recent events), and switches between two events. The old \
      version stays loaded for `tradehost rollback`. Without --slot every slot running the \
      plugin reloads; with --slot only that one (which may then run another plugin).
      """)
  @Argument(help: "The strategy plugin's manifest id.") var plugin: String
  @Option(name: .long, help: "Reload this slot only.") var slot: String?
  @OptionGroup var options: ControlOptions

  func run() throws {
    var arguments = ["plugin": plugin]
    arguments["slot"] = slot
    try options.send("reload", arguments: arguments, render: renderOutcomes)
  }
}

/// `tradehost promote SLOT`.
struct PromoteCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "promote",
    abstract: "Give a canary, shadow or A/B slot's version to production (refused while frozen).")
  @Argument(help: "The slot to promote.") var slot: String
  @OptionGroup var options: ControlOptions

  func run() throws {
    try options.send("promote", arguments: ["slot": slot], render: renderOutcomes)
  }
}

/// `tradehost rollback SLOT`.
struct RollbackCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rollback",
    abstract: "Undo a slot's latest version (or retire a canary, shadow or A/B slot).")
  @Argument(help: "The slot to roll back.") var slot: String
  @OptionGroup var options: ControlOptions

  func run() throws {
    try options.send("rollback", arguments: ["slot": slot], render: renderOutcomes)
  }
}

/// `tradehost role SLOT ROLE`.
struct RoleCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "role", abstract: "Change a slot's role (production, canary, ab) at run time.")
  @Argument(help: "The slot.") var slot: String
  @Argument(help: "production, canary or ab (shadow is fixed at start).") var role: String
  @OptionGroup var options: ControlOptions

  func run() throws {
    try options.send("role", arguments: ["slot": slot, "role": role], render: renderOutcomes)
  }
}
