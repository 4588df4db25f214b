// swift-tools-version:6.1
import PackageDescription

/// The package root, so linker flags can name files in the repository by absolute path.
let root = String(#filePath.dropLast("/Package.swift".count))

/// Linker settings every shipped Swift plugin library gets: export only the entry symbol (a version
/// script) and never unload the image (`-z nodelete`: the Swift runtime cannot unregister metadata).
let pluginLinkerSettings: [LinkerSetting] = [
  .unsafeFlags([
    "-Xlinker", "--version-script=\(root)/PluginAPI/plugin.exports",
    "-Xlinker", "-z", "-Xlinker", "nodelete",
  ])
]

/// A Swift plugin: one target under `Plugins/<group>/<name>`, one `.dynamic` product.
func swiftPlugin(_ product: String, target: String, path: String) -> (Product, Target) {
  (
    .library(name: product, type: .dynamic, targets: [target]),
    .target(
      name: target,
      dependencies: ["PluginKit"],
      path: path,
      linkerSettings: pluginLinkerSettings
    )
  )
}

/// The hot path's modules (the kernel loop and what it calls): full cross-module optimization
/// in release builds, so the kernel calls into the domain model without copies or witness
/// tables, and no dynamic exclusivity checks (the kernel is single-threaded by contract; debug
/// builds and tests keep the checks).
let hotPathSettings: [SwiftSetting] = [
  .unsafeFlags(["-cross-module-optimization"], .when(configuration: .release)),
  .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release)),
]

let plugins = [
  swiftPlugin("EMACrossStrategy", target: "EMACrossStrategy", path: "Plugins/Strategies/EMACross"),
  swiftPlugin("EMAPegStrategy", target: "EMAPegStrategy", path: "Plugins/Strategies/EMAPeg"),
  swiftPlugin("EMAIndicator", target: "EMAIndicator", path: "Plugins/Indicators/EMA"),
  swiftPlugin("RSIIndicator", target: "RSIIndicator", path: "Plugins/Indicators/RSI"),
  swiftPlugin("ATRIndicator", target: "ATRIndicator", path: "Plugins/Indicators/ATR"),
  swiftPlugin("TAIndicators", target: "TAIndicators", path: "Plugins/Indicators/TA"),
  swiftPlugin("LogisticModel", target: "LogisticModel", path: "Plugins/Models/LogisticRegression"),
  swiftPlugin(
    "FuzzOrdersStrategy", target: "FuzzOrdersStrategy", path: "Plugins/Strategies/FuzzOrders"),
]

let package = Package(
  name: "TradeHost",
  platforms: [.macOS(.v15)],
  products: [
    .library(name: "PluginKit", type: .static, targets: ["PluginKit"]),
    .library(name: "HostTestKit", targets: ["HostTestKit"]),
    .executable(name: "tradehost", targets: ["tradehost"]),
  ] + plugins.map(\.0),
  dependencies: [
    .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
    .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
  ],
  targets: [
    // The C ABI: the header plugins and host share, and its layout checks.
    .target(name: "CTradeHostPlugin", path: "PluginAPI/CTradeHostPlugin"),
    // Which Swift toolchain built this image (Swift plugins must match the host's).
    .target(name: "PluginToolchain", path: "PluginAPI/PluginToolchain"),
    // The Swift SDK for plugin authors.
    .target(
      name: "PluginKit",
      dependencies: ["CTradeHostPlugin", "PluginToolchain"],
      path: "PluginAPI/PluginKit"
    ),
    // OpenSSL's libcrypto (SHA-256 of plugin libraries).
    .systemLibrary(
      name: "COpenSSL",
      path: "Host/COpenSSL",
      pkgConfig: "openssl",
      providers: [.apt(["libssl-dev"])]
    ),
    // The system SQLite (the embedded journal store) and libpq (the PostgreSQL store).
    .systemLibrary(
      name: "CSQLite", path: "Host/CSQLite", pkgConfig: "sqlite3",
      providers: [.apt(["libsqlite3-dev"])]),
    .systemLibrary(
      name: "CLibPQ", path: "Host/CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
    // The journal's stores: the Store protocol, in memory, SQLite and PostgreSQL; migrations.
    .target(
      name: "Store", dependencies: ["TradingModel", "Control", "CSQLite", "CLibPQ"],
      path: "Host/Store", swiftSettings: hotPathSettings),
    // The domain model: exact money, instruments, market data, orders, positions. Pure values.
    .target(name: "TradingModel", path: "Host/TradingModel", swiftSettings: hotPathSettings),
    // YAML files composed with positions and repeated keys kept (manifests, calendar files).
    .target(
      name: "YAMLSupport", dependencies: [.product(name: "Yams", package: "Yams")],
      path: "Host/YAMLSupport"),
    .target(
      name: "PluginManifest",
      dependencies: ["YAMLSupport", .product(name: "Yams", package: "Yams")],
      path: "Host/PluginManifest"
    ),
    // libffi: calling the functions of a C indicator library a manifest declares (`ffi:`).
    .systemLibrary(
      name: "CFFI", path: "Host/CFFI", pkgConfig: "libffi", providers: [.apt(["libffi-dev"])]),
    // Sealed in-memory files (memfd) the loader stages plugin libraries in.
    .target(name: "CSealedFile", path: "Host/CSealedFile"),
    .target(
      name: "PluginHost",
      dependencies: [
        "CTradeHostPlugin", "PluginToolchain", "PluginManifest", "COpenSSL", "TradingModel",
        "CSealedFile", "CFFI",
      ],
      path: "Host/PluginHost"
    ),
    // Market data files: CSV layouts, the binary cache, merging instruments by time.
    .target(
      name: "MarketData", dependencies: ["TradingModel", "COpenSSL"], path: "Host/MarketData"),
    // Order execution: the simulated venue (fills, fees, slippage).
    .target(
      name: "Execution", dependencies: ["TradingModel"], path: "Host/Execution",
      swiftSettings: hotPathSettings),
    // The local control channel (a Unix socket only the owner may use) and signal handling.
    .target(name: "Control", path: "Host/Control"),
    // The event loop, clocks, simulated execution, backtest and paper drivers, statistics.
    .target(
      name: "Kernel",
      dependencies: ["TradingModel", "Execution", "PluginHost", "CTradeHostPlugin", "Store"],
      path: "Host/Kernel",
      swiftSettings: hotPathSettings
    ),
    // Health breakers, sliding windows and runaway detection (pure values for the risk wrapper).
    .target(name: "RiskHealth", dependencies: ["TradingModel"], path: "Host/RiskHealth"),
    // Trading hours and holidays, event blackouts, the trading-day boundary (calendar files).
    .target(
      name: "MarketCalendars",
      dependencies: ["TradingModel", "YAMLSupport", .product(name: "Yams", package: "Yams")],
      path: "Host/MarketCalendars"
    ),
    // Position sizing rules and host-enforced exits (ATR stops, trailing, ladder, time).
    .target(name: "RiskSizing", dependencies: ["TradingModel"], path: "Host/RiskSizing"),
    // libgpiod v1 (the hardware kill button and status LEDs).
    .systemLibrary(
      name: "CGPIOD",
      path: "Host/CGPIOD",
      pkgConfig: "libgpiod",
      providers: [.apt(["libgpiod-dev"])]
    ),
    // Kill switch sources and status lights: GPIO button and LEDs, the trigger file.
    .target(name: "KillSwitch", dependencies: ["CGPIOD", "Control"], path: "Host/KillSwitch"),
    // The risk wrapper: trading states, pre-trade checks, loss limits, breakers, kill switch.
    .target(
      name: "Risk",
      dependencies: [
        "Kernel", "TradingModel", "MarketData", "RiskHealth", "MarketCalendars", "RiskSizing",
      ],
      path: "Host/Risk",
      swiftSettings: hotPathSettings
    ),
    // Judging strategy versions side by side: returns, Sharpe, drawdown, paired tests, rules.
    .target(name: "SlotAnalytics", path: "Host/SlotAnalytics"),
    // Hot reload and slot deployments: loading versions, swaps, promotion and rollback.
    .target(
      name: "Deployment",
      dependencies: ["Kernel", "PluginHost", "PluginManifest", "Risk", "SlotAnalytics", "Control"],
      path: "Host/Deployment"
    ),
    // Backtests: run configs, loading data into a kernel, reports.
    .target(
      name: "Backtest",
      dependencies: [
        "Kernel", "MarketData", "TradingModel", "Execution", "PluginHost", "Risk", "Deployment",
        "SlotAnalytics", "YAMLSupport", .product(name: "Yams", package: "Yams"),
      ],
      path: "Host/Backtest"
    ),
    // The evolutionary selector: genomes from manifests, walk-forward scoring, the search.
    .target(
      name: "Selector",
      dependencies: [
        "Backtest", "Kernel", "PluginHost", "PluginManifest", "Risk", "TradingModel", "Control",
        .product(name: "Yams", package: "Yams"),
      ],
      path: "Host/Selector"),
    // The HTTP control API, /metrics and the dashboard (loopback by default, bearer token).
    .target(
      name: "HTTPAPI",
      dependencies: [
        "Control", .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
      ],
      path: "Host/HTTPAPI"),
    .target(
      name: "HostTestKit", dependencies: ["PluginHost", "TradingModel", "Store", "MarketData"],
      path: "Host/HostTestKit"),
    .executableTarget(
      name: "tradehost",
      dependencies: [
        "PluginHost", "Backtest", "Kernel", "MarketData", "Execution", "TradingModel", "Control",
        "PluginToolchain", "Risk", "KillSwitch", "Deployment", "SlotAnalytics", "PluginManifest",
        "Store", "Selector", "HTTPAPI", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Logging", package: "swift-log"),
      ],
      path: "Host/tradehost"
    ),
    .testTarget(
      name: "StoreTests", dependencies: ["Store", "TradingModel", "HostTestKit"],
      path: "Tests/StoreTests"),
    .testTarget(
      name: "TradingModelTests", dependencies: ["TradingModel"], path: "Tests/TradingModelTests"),
    .testTarget(
      name: "MarketDataTests",
      dependencies: ["MarketData", "HostTestKit"],
      path: "Tests/MarketDataTests"
    ),
    .testTarget(
      name: "ExecutionTests", dependencies: ["Execution", "HostTestKit"],
      path: "Tests/ExecutionTests"),
    .testTarget(
      name: "ControlTests", dependencies: ["Control", "HostTestKit"], path: "Tests/ControlTests"),
    .testTarget(
      name: "HTTPAPITests", dependencies: ["HTTPAPI", "Control", "HostTestKit"],
      path: "Tests/HTTPAPITests"),
    .testTarget(
      name: "RiskHealthTests", dependencies: ["RiskHealth"], path: "Tests/RiskHealthTests"),
    .testTarget(
      name: "MarketCalendarsTests",
      dependencies: ["MarketCalendars", "HostTestKit"],
      path: "Tests/MarketCalendarsTests"
    ),
    .testTarget(
      name: "RiskSizingTests",
      dependencies: ["RiskSizing", "TradingModel", "HostTestKit"],
      path: "Tests/RiskSizingTests"
    ),
    .testTarget(
      name: "KillSwitchTests", dependencies: ["KillSwitch", "HostTestKit"],
      path: "Tests/KillSwitchTests"),
    .testTarget(
      name: "RiskTests",
      dependencies: [
        "Risk", "Kernel", "Backtest", "Execution", "TradingModel", "HostTestKit", "RiskHealth",
        "MarketCalendars", "RiskSizing",
      ],
      path: "Tests/RiskTests"
    ),
    .testTarget(
      name: "BacktestTests",
      dependencies: ["Backtest", "Execution", "TradingModel", "HostTestKit", "Kernel", "PluginHost"],
      path: "Tests/BacktestTests"
    ),
    .testTarget(
      name: "KernelTests",
      dependencies: [
        "Kernel", "Backtest", "Execution", "TradingModel", "HostTestKit", "Risk", "Store",
      ],
      path: "Tests/KernelTests"
    ),
    .testTarget(
      name: "SelectorTests",
      dependencies: [
        "Selector", "Backtest", "Kernel", "PluginHost", "PluginManifest", "TradingModel",
        "HostTestKit", "Control",
      ],
      path: "Tests/SelectorTests"),
    .testTarget(
      name: "SlotAnalyticsTests", dependencies: ["SlotAnalytics", "HostTestKit"],
      path: "Tests/SlotAnalyticsTests"),
    .testTarget(
      name: "DeploymentTests",
      dependencies: [
        "Deployment", "Backtest", "Kernel", "Risk", "SlotAnalytics", "TradingModel", "HostTestKit",
        "PluginHost",
      ],
      path: "Tests/DeploymentTests"
    ),
    .testTarget(
      name: "PluginAPITests",
      dependencies: ["CTradeHostPlugin", "PluginKit"],
      path: "Tests/PluginAPITests"
    ),
    .testTarget(
      name: "PluginManifestTests",
      dependencies: ["PluginManifest", "HostTestKit"],
      path: "Tests/PluginManifestTests"
    ),
    .testTarget(
      name: "PluginHostTests",
      dependencies: ["PluginHost", "HostTestKit"],
      path: "Tests/PluginHostTests"
    ),
    .testTarget(
      name: "PluginsTests",
      dependencies: ["PluginHost", "HostTestKit"],
      path: "Tests/PluginsTests"
    ),
    .testTarget(
      name: "CLITests",
      dependencies: ["HostTestKit", "tradehost", "Control", .product(name: "Yams", package: "Yams")],
      path: "Tests/CLITests"
    ),
    // `make bench`: a release-mode harness for the plugin layer.
    // Counts heap allocations for `make bench` (a malloc interposer; the bench only).
    .target(name: "CAllocCounter", path: "Host/CAllocCounter"),
    .executableTarget(
      name: "tradehost-bench",
      dependencies: [
        "PluginHost", "HostTestKit", "Kernel", "Backtest", "TradingModel", "CAllocCounter", "Risk",
        "RiskHealth", "RiskSizing", "MarketCalendars", "Deployment", "Store", "CFFI", "Selector",
        "PluginManifest",
      ],
      path: "Host/tradehost-bench"
    ),
    .testTarget(
      name: "OutOfTreeTests",
      dependencies: ["PluginHost", "HostTestKit", "Backtest", "Kernel", "TradingModel"],
      path: "Tests/OutOfTreeTests"
    ),
  ] + plugins.map(\.1)
)
