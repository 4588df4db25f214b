// swift-tools-version:6.1
import PackageDescription

// An out-of-tree TradeHost plugin package: two Swift plugin libraries built against PluginKit.
// In your own package, point `path:` at your TradeHost checkout (or use a `url:` dependency).

/// This folder, so the linker flags can name the version script by absolute path.
let here = String(#filePath.dropLast("/Package.swift".count))

/// Every plugin library exports only `tradehost_plugin_entry` (the version script) and is never
/// unloaded (`-z nodelete`: the Swift runtime cannot unregister an image's metadata).
let pluginLinkerSettings: [LinkerSetting] = [
  .unsafeFlags([
    "-Xlinker", "--version-script=\(here)/plugin.exports",
    "-Xlinker", "-z", "-Xlinker", "nodelete",
  ])
]

let package = Package(
  name: "OutOfTreePlugins",
  platforms: [.macOS(.v15)],
  products: [
    .library(name: "BreakoutStrategy", type: .dynamic, targets: ["BreakoutStrategy"]),
    .library(name: "PaperVenueExchange", type: .dynamic, targets: ["PaperVenueExchange"]),
  ],
  dependencies: [
    .package(name: "TradeHost", path: "../../..")
  ],
  targets: [
    .target(
      name: "BreakoutStrategy",
      dependencies: [.product(name: "PluginKit", package: "TradeHost")],
      linkerSettings: pluginLinkerSettings
    ),
    .target(
      name: "PaperVenueExchange",
      dependencies: [.product(name: "PluginKit", package: "TradeHost")],
      linkerSettings: pluginLinkerSettings
    ),
  ]
)
