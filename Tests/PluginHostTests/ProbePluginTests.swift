import CTradeHostPlugin
import Foundation
import HostTestKit
import PluginHost
import Testing

/// `reload-probe` (Tests/Fixtures/reload/probe.c) as `ProbePlugin.build` makes it: it loads, counts
/// and chains bars exactly as `ProbePlugin.chain` computes, hands its state over, migrates a
/// version-1 state when built to, refuses what it cannot read, and fails on request.
@Suite("reload-probe")
struct ProbePluginTests {
  let directory: TemporaryDirectory
  let environment = RecordingEnvironment()

  init() throws {
    directory = try TemporaryDirectory(prefix: "th-probe")
  }

  /// A registry holding the probe whose manifest is `manifest`.
  func load(_ manifest: String) throws -> PluginRegistry {
    let registry = PluginRegistry()
    _ = try registry.load(manifestPath: manifest).get()
    return registry
  }

  /// Builds a probe and loads it.
  func probe(
    version: String = "1.0.0", stateVersion: UInt32 = 1, readsV1: Bool = false,
    name: String = "reload-probe.yaml"
  ) throws -> PluginRegistry {
    try load(
      ProbePlugin.build(
        in: directory.path, version: version, stateVersion: stateVersion, readsV1: readsV1,
        manifestName: name))
  }

  /// Minute bars with closes that vary from bar to bar.
  func bars(_ range: Range<Int>) -> [th_bar] {
    range.map { index in
      makeBar(
        time: 1_600_000_000_000_000_000 + Int64(index) * 60_000_000_000,
        close: 100 + Double(index % 7) * 0.25 - Double(index) / 8)
    }
  }

  /// The chain a fresh probe reaches over `bars`.
  func expectedChain(_ bars: [th_bar], from start: UInt64 = ProbePlugin.initialChain) -> UInt64 {
    bars.reduce(start) { ProbePlugin.chain(after: $0, timestamp: $1.ts_event, close: $1.close) }
  }

  /// The count and chain of an instance's exported state.
  func state(_ strategy: StrategyInstance, sourceLocation: SourceLocation = #_sourceLocation)
    throws -> (count: UInt64, chain: UInt64)
  {
    try #require(
      ProbePlugin.decodeState(try strategy.exportState().bytes), sourceLocation: sourceLocation)
  }

  func feed(_ strategy: StrategyInstance, _ bars: [th_bar]) throws {
    for bar in bars { try strategy.onBar(bar) }
  }

  @Test("the built library loads with the manifest the builder wrote")
  func buildsAndLoads() throws {
    let manifestPath = try ProbePlugin.build(
      in: directory.path, version: "1.4.0", stateVersion: 1)
    #expect(manifestPath == directory.file("reload-probe.yaml"))
    let plugin = try #require(try load(manifestPath).plugin(ProbePlugin.id))
    #expect(plugin.kind == .strategy)
    #expect(plugin.language == .c)
    #expect(plugin.libraryID == "reload-probe")
    #expect(plugin.libraryVersion == "1.4.0")
    #expect(plugin.manifest.version.description == "1.4.0")
    #expect(plugin.manifest.stateVersion == 1)
    #expect(plugin.manifest.stateReads == [1])
    let library = try [UInt8](Data(contentsOf: URL(fileURLWithPath: plugin.manifest.libraryPath)))
    #expect(plugin.manifest.sha256 == FileDigest.sha256Hex(library))
    #expect(
      plugin.manifest.parameters.map(\.name) == [
        "trade_every", "fail_after", "fail_first", "fail_import",
      ])
  }

  @Test("every build has a library of its own")
  func uniqueLibraries() throws {
    let first = try #require(try probe(name: "a.yaml").plugin(ProbePlugin.id))
    let second = try #require(try probe(name: "b.yaml").plugin(ProbePlugin.id))
    #expect(first.manifest.libraryPath != second.manifest.libraryPath)
    #expect(first.manifest.sha256 == second.manifest.sha256)
  }

  @Test("count and chain follow every bar, in order, as ProbePlugin.chain computes")
  func countsAndChains() throws {
    let registry = try probe()
    let fresh = try registry.makeStrategy(ProbePlugin.id, environment: environment)
    #expect(try state(fresh) == (0, ProbePlugin.initialChain))

    let series = bars(0..<50)
    let forward = try registry.makeStrategy(ProbePlugin.id, environment: environment)
    try feed(forward, series)
    #expect(try state(forward) == (50, expectedChain(series)))

    let backward = try registry.makeStrategy(ProbePlugin.id, environment: environment)
    try feed(backward, series.reversed())
    let reversed = try state(backward)
    #expect(reversed.count == 50)
    #expect(reversed.chain != expectedChain(series))
    #expect(environment.intents.isEmpty)
  }

  @Test("an imported state continues exactly where the exporter goes on")
  func roundTrip() throws {
    let registry = try probe()
    let series = bars(0..<50)
    let a = try registry.makeStrategy(ProbePlugin.id, environment: environment)
    try feed(a, Array(series[..<30]))
    let exported = try a.exportState()
    #expect(exported.version == 1)
    #expect(exported.bytes.count == 16)

    let b = try registry.makeStrategy(ProbePlugin.id, environment: environment)
    try b.importState(version: exported.version, bytes: exported.bytes)
    #expect(try state(b) == (30, expectedChain(Array(series[..<30]))))
    try feed(a, Array(series[30...]))
    try feed(b, Array(series[30...]))
    #expect(try state(b) == (50, expectedChain(series)))
    #expect(try b.exportState().bytes == a.exportState().bytes)
  }

  @Test("trade_every trades on the counted bars, alternating, and keeps its cadence on import")
  func tradeEvery() throws {
    let registry = try probe()
    let series = bars(0..<12)
    let a = try registry.makeStrategy(
      ProbePlugin.id, parameters: [("trade_every", "4")], environment: environment)
    try feed(a, series)
    let intents = environment.intents.map(\.intent)
    #expect(intents.map(\.side) == [TH_SIDE_BUY, TH_SIDE_SELL, TH_SIDE_BUY].map { th_side($0) })
    #expect(intents.map(\.client_tag) == [4, 8, 12])
    #expect(intents.allSatisfy { $0.quantity == 1 && $0.type == th_order_type(TH_ORDER_MARKET) })
    #expect(intents.allSatisfy { $0.instrument_id == 1 })

    // A new instance that imports after 6 bars makes the exporter's second trade, a sell, at 8.
    let handover = RecordingEnvironment()
    let old = try registry.makeStrategy(
      ProbePlugin.id, parameters: [("trade_every", "4")], environment: handover)
    try feed(old, Array(series[..<6]))
    let exported = try old.exportState()
    let new = try registry.makeStrategy(
      ProbePlugin.id, parameters: [("trade_every", "4")], environment: handover)
    try new.importState(version: exported.version, bytes: exported.bytes)
    try feed(new, Array(series[6..<8]))
    let after = handover.intents.dropFirst(1).map(\.intent)
    #expect(after.map(\.side) == [th_side(TH_SIDE_SELL)])
    #expect(after.map(\.client_tag) == [8])
  }

  @Test("a state-version-2 build with readsV1 migrates a version-1 state; without it, refuses")
  func migratesVersionOne() throws {
    let v1 = try probe(version: "1.0.0", stateVersion: 1, name: "v1.yaml")
    let v2 = try probe(version: "2.0.0", stateVersion: 2, readsV1: true, name: "v2.yaml")
    let strict = try probe(version: "2.0.1", stateVersion: 2, name: "v2-strict.yaml")
    let migrating = try #require(v2.plugin(ProbePlugin.id)).manifest
    #expect(migrating.stateReads == [1, 2])
    #expect(migrating.canImport(stateVersion: 1) && migrating.canImport(stateVersion: 2))
    let strictManifest = try #require(strict.plugin(ProbePlugin.id)).manifest
    #expect(strictManifest.stateReads == [2])
    #expect(!strictManifest.canImport(stateVersion: 1))

    let series = bars(0..<15)
    let old = try v1.makeStrategy(ProbePlugin.id, environment: environment)
    try feed(old, Array(series[..<10]))
    let exported = try old.exportState()
    #expect(exported.version == 1)

    let new = try v2.makeStrategy(ProbePlugin.id, environment: environment)
    try new.importState(version: exported.version, bytes: exported.bytes)
    let migrated = try new.exportState()
    #expect(migrated.version == 2)
    #expect(migrated.bytes.count == 24)
    #expect(ProbePlugin.decodeMigrations(migrated.bytes) == 1)
    #expect(ProbePlugin.decodeMigrations(exported.bytes) == nil)
    #expect(try state(new) == (10, expectedChain(Array(series[..<10]))))
    try feed(old, Array(series[10...]))
    try feed(new, Array(series[10...]))
    #expect(try state(new) == state(old))
    #expect(try state(new) == (15, expectedChain(series)))

    // A version-2 state keeps its migration count through a version-2 handover.
    let next = try v2.makeStrategy(ProbePlugin.id, environment: environment)
    let handed = try new.exportState()
    try next.importState(version: handed.version, bytes: handed.bytes)
    #expect(ProbePlugin.decodeMigrations(try next.exportState().bytes) == 1)

    let refusing = try strict.makeStrategy(ProbePlugin.id, environment: environment)
    let refusal = #expect(throws: PluginCallError.self) {
      try refusing.importState(version: exported.version, bytes: exported.bytes)
    }
    #expect(refusal?.status == th_status(TH_ERR_STATE_VERSION))
    #expect(refusal?.message == "reload-probe 2.0.1 cannot read state version 1")
    #expect(try state(refusing) == (0, ProbePlugin.initialChain))
  }

  @Test("an unknown state version or a malformed state is refused and changes nothing")
  func refusesUnknownVersion() throws {
    let registry = try probe()
    let source = try registry.makeStrategy(ProbePlugin.id, environment: environment)
    try feed(source, bars(0..<5))
    let exported = try source.exportState()
    let target = try registry.makeStrategy(ProbePlugin.id, environment: environment)

    for version: UInt32 in [0, 2, 3] {
      let refusal = #expect(throws: PluginCallError.self, "version \(version)") {
        try target.importState(version: version, bytes: exported.bytes)
      }
      #expect(refusal?.status == th_status(TH_ERR_STATE_VERSION), "version \(version)")
      #expect(refusal?.message == "reload-probe 1.0.0 cannot read state version \(version)")
    }
    let truncated = #expect(throws: PluginCallError.self) {
      try target.importState(version: 1, bytes: Array(exported.bytes.dropLast()))
    }
    #expect(truncated?.status == th_status(TH_ERR_INVALID_ARGUMENT))
    #expect(truncated?.message == "a version 1 state has 15 bytes, not 16")
    #expect(try state(target) == (0, ProbePlugin.initialChain))
  }

  /// The C side of the two-call size protocol, called through the raw vtable: no buffer or a
  /// short one gets TH_ERR_BUFFER_TOO_SMALL and the size; a large enough one gets the state.
  @Test("export_state follows the two-call size protocol", arguments: [UInt32(1), 2])
  func twoCallProtocol(stateVersion: UInt32) throws {
    let registry = try probe(stateVersion: stateVersion)
    let plugin = try #require(registry.plugin(ProbePlugin.id))
    guard case .strategy(let table) = plugin.vtable else {
      Issue.record("the probe is not a strategy")
      return
    }
    // A minimal host table; it must outlive the instance, which keeps a pointer to it.
    let api = UnsafeMutablePointer<th_host_api>.allocate(capacity: 1)
    api.initialize(to: th_host_api())
    defer { api.deallocate() }
    api.pointee.struct_size = UInt32(MemoryLayout<th_host_api>.size)
    api.pointee.abi_major = UInt16(TH_ABI_MAJOR)
    api.pointee.submit_intent = { _, _, orderID in
      orderID?.pointee = 1
      return th_status(TH_OK)
    }
    var error = th_error()
    error.struct_size = UInt32(MemoryLayout<th_error>.size)
    var instance: UnsafeMutableRawPointer?
    let created = table.pointee.create!(api, nil, nil, 0, &instance, &error)
    try #require(created == th_status(TH_OK))
    defer { table.pointee.destroy!(instance) }
    let export = try #require(table.pointee.export_state)
    let size = stateVersion == 1 ? 16 : 24

    var length: UInt64 = 0
    #expect(export(instance, nil, 0, &length, &error) == th_status(TH_ERR_BUFFER_TOO_SMALL))
    #expect(length == UInt64(size))

    var buffer = [UInt8](repeating: 0xAA, count: size)
    length = 0
    let short = buffer.withUnsafeMutableBufferPointer {
      export(instance, $0.baseAddress, UInt64(size - 1), &length, &error)
    }
    #expect(short == th_status(TH_ERR_BUFFER_TOO_SMALL))
    #expect(length == UInt64(size))
    #expect(buffer.allSatisfy { $0 == 0xAA }, "a too-small call wrote into the buffer")

    let filled = buffer.withUnsafeMutableBufferPointer {
      export(instance, $0.baseAddress, UInt64(size), &length, &error)
    }
    #expect(filled == th_status(TH_OK))
    #expect(length == UInt64(size))
    let decoded = try #require(ProbePlugin.decodeState(buffer))
    #expect(decoded == (0, ProbePlugin.initialChain))

    let importer = try #require(table.pointee.import_state)
    let refused = buffer.withUnsafeBufferPointer {
      importer(instance, 7, $0.baseAddress, UInt64(size), &error)
    }
    #expect(refused == th_status(TH_ERR_STATE_VERSION))
    let message = withUnsafeBytes(of: &error.message) {
      String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self)
    }
    #expect(message == "reload-probe 1.0.0 cannot read state version 7")
  }

  @Test("fail_after fails every bar past the limit since create; imported bars do not count")
  func failAfter() throws {
    let registry = try probe()
    let series = bars(0..<20)
    let strategy = try registry.makeStrategy(
      ProbePlugin.id, parameters: [("fail_after", "3")], environment: environment)
    try feed(strategy, Array(series[..<3]))
    for bar in series[3..<5] {
      let failure = #expect(throws: PluginCallError.self) { try strategy.onBar(bar) }
      #expect(failure?.status == th_status(TH_ERR_INTERNAL))
      #expect(failure?.operation == "on_bar")
      #expect(failure?.message.hasPrefix("fail_after:") == true)
    }
    #expect(try state(strategy) == (3, expectedChain(Array(series[..<3]))))

    let source = try registry.makeStrategy(ProbePlugin.id, environment: environment)
    try feed(source, Array(series[..<10]))
    let exported = try source.exportState()
    let imported = try registry.makeStrategy(
      ProbePlugin.id, parameters: [("fail_after", "2")], environment: environment)
    try imported.importState(version: exported.version, bytes: exported.bytes)
    try feed(imported, Array(series[10..<12]))
    #expect(throws: PluginCallError.self) { try imported.onBar(series[12]) }
    #expect(try state(imported) == (12, expectedChain(Array(series[..<12]))))
  }

  @Test("fail_first fails the first bars an instance receives, then it runs")
  func failFirst() throws {
    let registry = try probe()
    let series = bars(0..<4)
    let strategy = try registry.makeStrategy(
      ProbePlugin.id, parameters: [("fail_first", "2"), ("trade_every", "1")],
      environment: environment)
    for bar in series[..<2] {
      let failure = #expect(throws: PluginCallError.self) { try strategy.onBar(bar) }
      #expect(failure?.status == th_status(TH_ERR_INTERNAL))
      #expect(failure?.message.hasPrefix("fail_first:") == true)
    }
    #expect(environment.intents.isEmpty)
    try feed(strategy, Array(series[2...]))
    #expect(try state(strategy) == (2, expectedChain(Array(series[2...]))))
    #expect(environment.intents.count == 2)
  }

  @Test("fail_import refuses a readable state and keeps the instance as it was")
  func failImport() throws {
    let registry = try probe()
    let source = try registry.makeStrategy(ProbePlugin.id, environment: environment)
    try feed(source, bars(0..<5))
    let exported = try source.exportState()
    let target = try registry.makeStrategy(
      ProbePlugin.id, parameters: [("fail_import", "true")], environment: environment)
    try feed(target, bars(0..<2))
    let failure = #expect(throws: PluginCallError.self) {
      try target.importState(version: exported.version, bytes: exported.bytes)
    }
    #expect(failure?.status == th_status(TH_ERR_INTERNAL))
    #expect(failure?.operation == "import_state")
    #expect(failure?.message == "fail_import: import refused")
    #expect(try state(target) == (2, expectedChain(bars(0..<2))))
  }

  @Test("a state-version-0 build keeps no state to hand over")
  func stateless() throws {
    let registry = try probe(stateVersion: 0)
    let manifest = try #require(registry.plugin(ProbePlugin.id)).manifest
    #expect(manifest.stateVersion == 0)
    #expect(manifest.stateReads == [])
    let strategy = try registry.makeStrategy(ProbePlugin.id, environment: environment)
    #expect(strategy.stateVersion == 0)
    try feed(strategy, bars(0..<3))
    let exported = try strategy.exportState()
    #expect(exported.version == 0 && exported.bytes.isEmpty)
    let refusal = #expect(throws: PluginCallError.self) {
      try strategy.importState(version: 1, bytes: [UInt8](repeating: 0, count: 16))
    }
    #expect(refusal?.status == th_status(TH_ERR_UNSUPPORTED))
  }

  @Test("state_reads is written as given, so a test can make the parser refuse it")
  func explicitStateReads() throws {
    let reversed = try ProbePlugin.build(
      in: directory.path, version: "3.0.0", stateVersion: 2, stateReads: [2, 1],
      manifestName: "reversed.yaml")
    #expect(try load(reversed).plugin(ProbePlugin.id)?.manifest.stateReads == [2, 1])

    let missingOwn = try ProbePlugin.build(
      in: directory.path, version: "3.0.0", stateVersion: 2, stateReads: [1],
      manifestName: "missing-own.yaml")
    guard case .failure(let error) = PluginRegistry().load(manifestPath: missingOwn) else {
      Issue.record("a manifest whose state_reads lacks its state_version loaded")
      return
    }
    #expect(error.description.contains("must include the plugin's own state_version 2"))
  }

  @Test("bad settings and compiler failures are errors with a message")
  func builderErrors() throws {
    #expect(throws: TestKitError.self) {
      try ProbePlugin.build(in: directory.path, version: "1.0\"; x", stateVersion: 1)
    }
    #expect(throws: TestKitError.self) {
      try ProbePlugin.build(in: directory.path, version: "1.0.0", stateVersion: 3)
    }
    #expect(throws: TestKitError.self) {
      try ProbePlugin.build(in: directory.path, version: "1.0.0", stateVersion: 1, readsV1: true)
    }
    let broken = directory.file("broken.c")
    try "int broken(void) { return undeclared_name; }\n".write(
      toFile: broken, atomically: true, encoding: .utf8)
    let failure = #expect(throws: TestKitError.self) {
      try ProbePlugin.build(
        in: directory.path, version: "1.0.0", stateVersion: 1, sourceFile: broken)
    }
    #expect(failure?.description.contains("exited with status") == true)
    #expect(failure?.description.contains("undeclared_name") == true)
    #expect(!FileManager.default.fileExists(atPath: directory.file("reload-probe.yaml")))
  }
}
