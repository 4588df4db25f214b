import Foundation
import PluginHost

/// Builds `reload-probe`, the C strategy hot-reload tests load (`Tests/Fixtures/reload/probe.c`),
/// and reads its state.
///
/// Each `build` compiles one variant (plugin version, state version, whether it migrates
/// version-1 states) into a library of its own and writes a manifest for it, so a test can load
/// an old and a new version side by side. The probe's state is a bar count and a hash chained
/// over every bar it counted; `chain(after:timestamp:close:)` is the same hash, so a test can
/// compute the state a probe must reach over a data file. The source's header comment documents
/// the probe's parameters and its state layout.
///
/// For tests only: `build` runs `cc` and blocks until the compiler exits; the other functions
/// are pure and may be called from any thread.
public enum ProbePlugin {
  /// The probe's plugin and manifest id.
  public static let id = "reload-probe"
  /// The probe's source file.
  public static var source: String { RepositoryPaths.fixtures + "/reload/probe.c" }
  /// `chain` of a state that has seen no bar (the FNV-1a 64-bit offset basis).
  public static let initialChain: UInt64 = 0xcbf2_9ce4_8422_2325
  /// The FNV-1a 64-bit prime.
  private static let chainPrime: UInt64 = 0x100_0000_01b3

  /// Compiles the probe into `directory` (created if missing) under a library name no other call
  /// uses, and writes its manifest there; returns the manifest's path.
  ///
  /// - Parameters:
  ///   - version: the plugin version (`PROBE_VERSION`), semver text such as `1.2.0`.
  ///   - stateVersion: the state format it exports: 0 (no state), 1 or 2.
  ///   - readsV1: a state-version-2 build also reads (migrates) version-1 states.
  ///   - stateReads: the manifest's `state_reads`, written as given (even when the parser will
  ///     refuse it); nil writes what the library reads: `[1, 2]` with `readsV1`, else
  ///     `[stateVersion]`, and no key for state version 0.
  ///   - manifestName: the manifest's file name.
  ///   - sourceFile: the C file to compile; nil compiles `source` (tests of this builder pass
  ///     a broken file to see a compiler failure reported).
  ///   - failsAfter: a faulty build (`PROBE_FAILS_AFTER`): every bar after this many since
  ///     create fails, whatever the parameters say (its manifest is unchanged).
  ///   - defaults: integer parameter defaults the manifest gives instead of the probe's own
  ///     (e.g. `["fail_after": "3"]`: a version that fails unless a slot overrides it).
  /// - Throws: `TestKitError` for a setting the probe does not support, with `cc`'s output when
  ///   the compiler fails, or when a file cannot be written.
  @discardableResult
  public static func build(
    in directory: String, version: String, stateVersion: UInt32, readsV1: Bool = false,
    stateReads: [UInt32]? = nil, manifestName: String = "reload-probe.yaml",
    sourceFile: String? = nil, failsAfter: Int? = nil, defaults: [String: String] = [:]
  ) throws -> String {
    guard !version.isEmpty, version.unicodeScalars.allSatisfy(isVersionCharacter) else {
      throw TestKitError("probe version \(version.debugDescription) is not semver text")
    }
    guard stateVersion <= 2 else {
      throw TestKitError("the probe writes state version 0, 1 or 2, not \(stateVersion)")
    }
    guard !readsV1 || stateVersion == 2 else {
      throw TestKitError("readsV1 is for a state-version-2 probe, not \(stateVersion)")
    }
    guard !manifestName.isEmpty, !manifestName.contains("/") else {
      throw TestKitError("manifest name \(manifestName.debugDescription) is not a file name")
    }
    do {
      try FileManager.default.createDirectory(
        atPath: directory, withIntermediateDirectories: true)
    } catch {
      throw TestKitError("cannot create \(directory): \(error)")
    }
    let unique = UUID().uuidString.prefix(8).lowercased()
    let libraryName = "lib\(id)-\(version)-\(unique).so"
    let library = directory + "/" + libraryName
    var command = [
      "cc", "-std=c11", "-O2", "-fPIC", "-shared", "-fvisibility=hidden", "-Wall", "-Wextra",
      "-Werror", "-I", RepositoryPaths.root + "/PluginAPI/CTradeHostPlugin/include",
      "-Wl,--version-script=" + RepositoryPaths.root + "/PluginAPI/plugin.exports",
      "-Wl,-z,nodelete", "-DPROBE_VERSION=\"\(version)\"", "-DPROBE_STATE_VERSION=\(stateVersion)",
    ]
    if readsV1 { command.append("-DPROBE_READS_V1=1") }
    if let failsAfter { command.append("-DPROBE_FAILS_AFTER=\(failsAfter)") }
    command += ["-o", library, sourceFile ?? source]
    try compile(command)

    let bytes: [UInt8]
    do {
      bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: library)))
    } catch {
      throw TestKitError("cannot read the probe library \(library): \(error)")
    }
    let reads = stateReads ?? (stateVersion == 0 ? nil : readsV1 ? [1, 2] : [stateVersion])
    let readsLine = reads.map { "state_reads: [\($0.map(String.init).joined(separator: ", "))]\n" }
    var integers = ["trade_every": "0", "fail_after": "-1", "fail_first": "0"]
    for (name, value) in defaults {
      guard integers[name] != nil, Int64(value) != nil else {
        throw TestKitError("the probe has no integer parameter \(name) for the default \(value)")
      }
      integers[name] = value
    }
    let manifest = """
      id: \(id)
      kind: strategy
      version: \(version)
      abi: "1.0"
      library: \(libraryName)
      sha256: \(FileDigest.sha256Hex(bytes))
      description: Hot-reload test probe (Tests/Fixtures/reload/probe.c).
      state_version: \(stateVersion)
      \(readsLine ?? "")parameters:
        trade_every: {type: int, default: \(integers["trade_every"]!), min: 0, description: "Above 0: trade every this many counted bars."}
        fail_after: {type: int, default: \(integers["fail_after"]!), min: -1, description: "0 or more: fail every bar after this many since create."}
        fail_first: {type: int, default: \(integers["fail_first"]!), min: 0, description: "Fail the first this many bars since create."}
        fail_import: {type: bool, default: false, description: "Refuse every state import."}

      """
    let path = directory + "/" + manifestName
    do {
      try manifest.write(toFile: path, atomically: true, encoding: .utf8)
    } catch {
      throw TestKitError("cannot write \(path): \(error)")
    }
    return path
  }

  /// `count` and `chain` of an exported probe state of either version (16 or 24 bytes); nil for
  /// any other length.
  public static func decodeState(_ bytes: [UInt8]) -> (count: UInt64, chain: UInt64)? {
    guard bytes.count == 16 || bytes.count == 24 else { return nil }
    return (word(bytes, at: 0), word(bytes, at: 8))
  }

  /// `migrations` of a version-2 state (24 bytes): how many version-1 states were migrated into
  /// its history. Nil for any other length (a version-1 state has no such field).
  public static func decodeMigrations(_ bytes: [UInt8]) -> UInt64? {
    bytes.count == 24 ? word(bytes, at: 16) : nil
  }

  /// The probe's chain after one more bar: FNV-1a over the 8 little-endian bytes of the bar's
  /// timestamp, then those of its close's IEEE-754 bit pattern. Start from `initialChain`.
  public static func chain(after previous: UInt64, timestamp: Int64, close: Double) -> UInt64 {
    fold(fold(previous, UInt64(bitPattern: timestamp)), close.bitPattern)
  }

  private static func fold(_ hash: UInt64, _ word: UInt64) -> UInt64 {
    var hash = hash
    for shift in stride(from: 0, to: 64, by: 8) {
      hash ^= (word >> UInt64(shift)) & 0xFF
      hash = hash &* chainPrime
    }
    return hash
  }

  private static func word(_ bytes: [UInt8], at offset: Int) -> UInt64 {
    var value: UInt64 = 0
    for index in 0..<8 { value |= UInt64(bytes[offset + index]) << UInt64(8 * index) }
    return value
  }

  /// Semver text: letters, digits, `.`, `-`, `+` (nothing that could end the C string literal).
  private static func isVersionCharacter(_ scalar: Unicode.Scalar) -> Bool {
    scalar.isASCII
      && (CharacterSet.alphanumerics.contains(scalar) || scalar == "." || scalar == "-"
        || scalar == "+")
  }

  /// Runs `command` through /usr/bin/env (so PATH finds `cc`); throws its output on failure.
  private static func compile(_ command: [String]) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = command
    process.standardInput = FileHandle.nullDevice
    let output = ChildSpawn.pipe()
    process.standardOutput = output
    process.standardError = output
    do {
      try ChildSpawn.run(process)
    } catch {
      throw TestKitError("cannot start `\(command.joined(separator: " "))`: \(error)")
    }
    // Read to the end before waiting: a full pipe would otherwise stall the compiler.
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw TestKitError(
        "`\(command.joined(separator: " "))` exited with status \(process.terminationStatus):\n"
          + text)
    }
  }
}
