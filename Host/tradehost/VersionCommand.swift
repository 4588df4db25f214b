import ArgumentParser
import PluginHost
import PluginToolchain

/// `tradehost version`: the host's version, plugin ABI and toolchain.
struct VersionCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "version", abstract: "Print the host version, plugin ABI and Swift toolchain.")

  /// The host's own version.
  static let hostVersion = "0.1.0"

  func run() {
    print("tradehost \(Self.hostVersion)")
    print("plugin ABI \(HostABI.version)")
    print("toolchain \(PluginToolchain.current) (Swift plugins must be built with it)")
  }
}
