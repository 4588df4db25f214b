import CTradeHostPlugin
import Foundation
import HostTestKit
import PluginHost
import PluginManifest
import Testing

/// Every kind of bad plugin the issue lists gets one clear error naming the plugin, the file and
/// the cause, and the process carries on (this suite running to the end is the proof).
@Suite("Loader: bad input")
struct LoaderBadInputTests {
  @Test("ABI major mismatch")
  func abiMajor() throws {
    let error = try Fixtures.failure("abi-major-mismatch")
    #expect(error.cause == .abiMajorMismatch(plugin: 2, host: 1))
    #expect(error.plugin == "abi-major-mismatch")
    #expect(error.file.hasSuffix("libfixture_abi2.so"))
    #expect(error.description.contains("plugin ABI major 2 is not supported (host ABI major 1)"))
  }

  @Test("a plugin needing a newer host minor is refused")
  func newerHostMinor() throws {
    let error = try Fixtures.failure("needs-newer-host")
    #expect(error.cause == .abiMinorUnsupported(required: 9, host: 5))
    #expect(error.description.contains("plugin needs host ABI 1.9, but this host implements 1.5"))
  }

  @Test("a vtable shorter than a required field is refused, naming the field")
  func shortVTable() throws {
    let error = try Fixtures.failure("short-vtable")
    #expect(
      error.cause
        == .vtableTooShort(table: "th_strategy_vtable", size: 20, minimum: 72, missing: "destroy"))
    #expect(error.description.contains("th_strategy_vtable struct_size 20 is shorter than"))
  }

  @Test("a descriptor shorter than ABI 1.0's is refused")
  func shortDescriptor() throws {
    let error = try Fixtures.failure("short-descriptor")
    #expect(error.cause == .descriptorTooShort(size: 16, minimum: 56))
  }

  @Test("a NULL required function is refused by name")
  func nullFunction() throws {
    let error = try Fixtures.failure("null-function")
    #expect(error.cause == .functionMissing(table: "th_strategy_vtable", function: "on_bar"))
  }

  @Test("missing entry symbol")
  func missingEntry() throws {
    let error = try Fixtures.failure("missing-entry")
    #expect(error.cause == .entryMissing(symbol: "tradehost_plugin_entry"))
    #expect(error.description.contains("entry symbol tradehost_plugin_entry is not exported"))
  }

  @Test("an entry function returning NULL")
  func nullEntry() throws {
    let error = try Fixtures.failure("null-entry")
    #expect(error.cause == .entryReturnedNull(symbol: "tradehost_plugin_entry"))
  }

  @Test("kind mismatch between manifest and library")
  func kindMismatch() throws {
    let error = try Fixtures.failure("kind-mismatch")
    #expect(error.cause == .kindMismatch(manifest: "indicator", library: "strategy"))
    #expect(error.file.hasSuffix("kind-mismatch.yaml"))
  }

  @Test("a descriptor of an unknown kind")
  func unknownKind() throws {
    let error = try Fixtures.failure("unknown-kind")
    #expect(error.cause == .kindMismatch(manifest: "strategy", library: "unknown (99)"))
  }

  @Test("checksum mismatch names both digests")
  func checksum() throws {
    let error = try Fixtures.failure("checksum-mismatch")
    let actual = FileDigest.sha256Hex([UInt8](try Fixtures.goodLibraryBytes()))
    #expect(
      error.cause == .checksumMismatch(expected: String(repeating: "0", count: 64), actual: actual))
  }

  @Test("a Swift library from another toolchain is refused before dlopen")
  func toolchainMismatch() throws {
    try requireShippedPlugins()
    let error = try Fixtures.failure("toolchain-mismatch")
    #expect(error.cause == .toolchainMismatch(plugin: "swift-6.2.0", host: "swift-6.3.1"))
    #expect(error.description.contains("rebuild the plugin with the host's toolchain"))
  }

  @Test("a Swift library whose manifest has no toolchain is refused")
  func toolchainMissing() throws {
    try requireShippedPlugins()
    let error = try Fixtures.failure("toolchain-missing")
    #expect(error.cause == .toolchainMissing(host: "swift-6.3.1"))
  }

  @Test("a text file is not an ELF library")
  func notELF() throws {
    let error = try Fixtures.failure("not-elf")
    #expect(error.cause == .notELF("the file does not start with the ELF magic number"))
  }

  @Test("a missing library file")
  func missingLibrary() throws {
    let error = try Fixtures.failure("library-missing")
    #expect(error.cause == .libraryNotFound)
    #expect(error.file.hasSuffix("libdoes_not_exist.so"))
    // Not a shipped plugin: the advice is the author's build, not `make plugins`.
    #expect(!error.description.contains("make plugins"), "\(error.description)")
    #expect(error.description.contains("fix `library:` in the manifest"), "\(error.description)")
  }

  @Test("a manifest declaring an ABI major the host lacks is refused before the library is read")
  func manifestABI() throws {
    let error = try Fixtures.failure("manifest-abi-2")
    #expect(error.cause == .manifestABIUnsupported(manifest: "2.0", host: "1.5"))
  }

  @Test("a manifest state_version the library disagrees with")
  func stateVersionDisagrees() throws {
    let error = try Fixtures.failure("state-version-disagrees")
    #expect(error.cause == .manifestDisagrees("manifest state_version is 4, the library's is 1"))
  }

  @Test(
    "truncated libraries are refused at every cut, never crash", arguments: [0.9, 0.5, 0.1, 0.01])
  func truncated(fraction: Double) throws {
    let bytes = try Fixtures.goodLibraryBytes()
    let directory = try TemporaryDirectory()
    let library = directory.path + "/libtruncated.so"
    try bytes.prefix(Int(Double(bytes.count) * fraction)).write(to: URL(fileURLWithPath: library))
    let manifest = try directory.manifest(id: "truncated", library: "libtruncated.so")
    switch PluginLoader().load(manifestPath: manifest) {
    case .success: Issue.record("a truncated library loaded")
    case .failure(let error):
      guard case .truncated(let reason) = error.cause else {
        Issue.record("expected .truncated, got \(error.cause)")
        return
      }
      #expect(!reason.isEmpty)
      #expect(error.file == library)
    }
  }

  @Test("an empty file, a directory and an unreadable file as the library")
  func oddFiles() throws {
    let directory = try TemporaryDirectory()
    _ = FileManager.default.createFile(atPath: directory.path + "/empty.so", contents: Data())
    try FileManager.default.createDirectory(
      atPath: directory.path + "/dir.so", withIntermediateDirectories: false)
    let empty = try directory.manifest(id: "empty", library: "empty.so")
    let folder = try directory.manifest(id: "folder", library: "dir.so")
    let loader = PluginLoader()
    guard case .failure(let emptyError) = loader.load(manifestPath: empty),
      case .failure(let folderError) = loader.load(manifestPath: folder)
    else {
      Issue.record("odd files loaded")
      return
    }
    #expect(emptyError.cause == .notELF("the file does not start with the ELF magic number"))
    #expect(folderError.cause == .libraryUnreadable("it is a directory"))
  }

  @Test("a broken manifest reports every problem with file and line")
  func brokenManifest() throws {
    let directory = try TemporaryDirectory()
    let path = directory.path + "/broken.yaml"
    try """
    id: broken
    kind: strategy
    version: one
    abi: "1.0"
    library: lib.so
    colour: blue

    """.write(toFile: path, atomically: true, encoding: .utf8)
    let error: PluginLoadError
    switch PluginLoader().load(manifestPath: path) {
    case .success: throw TestKitError("a broken manifest loaded")
    case .failure(let failure): error = failure
    }
    guard case .manifest(let problems) = error.cause else {
      throw TestKitError("expected manifest problems, got \(error.cause)")
    }
    #expect(error.plugin == "broken.yaml")
    #expect(problems.contains { $0.line == 3 })  // bad semver
    #expect(problems.contains { $0.line == 6 })  // unknown key
    #expect(problems.contains { $0.message.contains("description") })  // missing key
    #expect(error.lines.count == problems.count)
  }

  private func requireShippedPlugins() throws {
    let library = RepositoryPaths.plugins + "/libEMACrossStrategy.so"
    guard FileManager.default.fileExists(atPath: library) else {
      throw TestKitError("\(library) is missing: run `make plugins`")
    }
  }
}
