import Foundation
import HostTestKit
import PluginHost
import Testing

/// Checksums on by default: the loader checks each library against the manifest's `sha256` or
/// the `plugins.lock` beside the library, which `make plugins` writes.
@Suite("Checksums: plugins.lock")
struct ChecksumLockTests {
  /// A folder with a copy of the good fixture library and a manifest naming it relatively.
  struct Folder {
    let directory: TemporaryDirectory
    let library: String
    let manifest: String
    let digest: String
    var lock: String { directory.file("plugins.lock") }

    init(id: String = "locked", manifestSHA: String? = nil) throws {
      directory = try TemporaryDirectory()
      let bytes = try Fixtures.goodLibraryBytes()
      library = directory.file("libgood.so")
      try bytes.write(to: URL(fileURLWithPath: library))
      digest = FileDigest.sha256Hex([UInt8](bytes))
      manifest = try directory.manifest(
        id: id, library: "libgood.so", extra: manifestSHA.map { "sha256: \($0)" } ?? "")
    }

    func writeLock(_ text: String) throws {
      try text.write(toFile: lock, atomically: true, encoding: .utf8)
    }
  }

  @Test("the shipped plugins are checked against the plugins.lock that make plugins wrote")
  func shippedAreLocked() throws {
    let lock = RepositoryPaths.plugins + "/plugins.lock"
    let plugin = try PluginLoader().load(
      manifestPath: RepositoryPaths.root + "/manifests/ema-cross.yaml"
    ).get()
    #expect(plugin.checksum?.source == .lockFile(lock))
    let bytes = try Data(contentsOf: URL(fileURLWithPath: plugin.manifest.libraryPath))
    #expect(plugin.checksum?.digest == FileDigest.sha256Hex([UInt8](bytes)))
  }

  @Test("a library matching its lock line loads, and says where its digest came from")
  func matchingLock() throws {
    let folder = try Folder()
    try folder.writeLock(
      "# built here\n\n\(folder.digest)  libgood.so\n\(folder.digest) *other.so\n")
    let plugin = try PluginLoader().load(manifestPath: folder.manifest).get()
    #expect(
      plugin.checksum == ExpectedDigest(digest: folder.digest, source: .lockFile(folder.lock)))
  }

  @Test("a library that differs from its lock line is refused, naming plugin, file, lock, digests")
  func mismatch() throws {
    let folder = try Folder()
    let recorded = String(repeating: "ab", count: 32)
    try folder.writeLock("\(recorded.uppercased())  libgood.so\n")
    guard case .failure(let error) = PluginLoader().load(manifestPath: folder.manifest) else {
      throw TestKitError("a library with a stale lock line loaded")
    }
    #expect(error.plugin == "locked")
    #expect(error.file == folder.library)
    #expect(
      error.cause == .lockMismatch(lock: folder.lock, expected: recorded, actual: folder.digest))
    #expect(
      error.description
        == "locked: \(folder.library): sha256 mismatch: \(folder.lock) records \(recorded), file "
        + "has \(folder.digest); if you replaced the library on purpose, record its digest with "
        + "`tradehost plugins lock` (or rebuild with `make plugins`)")
  }

  @Test("the manifest's sha256 takes precedence over the lock")
  func manifestFirst() throws {
    let folder = try Folder(manifestSHA: nil)
    let pinned = try Folder(id: "pinned", manifestSHA: folder.digest)
    try pinned.writeLock("\(String(repeating: "0", count: 64))  libgood.so\n")
    let plugin = try PluginLoader().load(manifestPath: pinned.manifest).get()
    #expect(plugin.checksum == ExpectedDigest(digest: folder.digest, source: .manifest))
  }

  @Test("no digest anywhere: the library loads unchecked (plugins validate warns)")
  func unlocked() throws {
    let folder = try Folder()
    try folder.writeLock("\(folder.digest)  libsomething-else.so\n")
    let plugin = try PluginLoader().load(manifestPath: folder.manifest).get()
    #expect(plugin.checksum == nil)
  }

  @Test(
    "a malformed lock file is refused with its line",
    arguments: [
      ("deadbeef  libgood.so\n", "line 1 is not '<sha256 in 64 hex digits>  <library file name>'"),
      ("\n\(String(repeating: "a", count: 64))  \n", "line 2 names no library file"),
      (
        "\(String(repeating: "a", count: 64))  libgood.so\n\(String(repeating: "b", count: 64))  libgood.so\n",
        "line 2 records libgood.so a second time"
      ),
      ("\(String(repeating: "g", count: 64))  libgood.so\n", "line 1 is not"),
    ])
  func malformed(text: String, problem: String) throws {
    let folder = try Folder()
    try folder.writeLock(text)
    guard case .failure(let error) = PluginLoader().load(manifestPath: folder.manifest) else {
      throw TestKitError("a library with a malformed lock loaded")
    }
    guard case .lockUnreadable(let lock, let message) = error.cause else {
      throw TestKitError("\(error)")
    }
    #expect(lock == folder.lock)
    #expect(message.hasPrefix(problem), "\(message)")
  }

  @Test("record and write give sha256sum's format, sorted; reading it back gives the same lock")
  func roundTrip() throws {
    let directory = try TemporaryDirectory()
    var lock = PluginLock()
    lock.record(String(repeating: "F", count: 64), for: "libz.so")
    lock.record(String(repeating: "1", count: 64), for: "liba.so")
    let path = directory.file(PluginLock.fileName)
    try lock.write(to: path)
    #expect(
      try String(contentsOfFile: path, encoding: .utf8)
        == "\(String(repeating: "1", count: 64))  liba.so\n\(String(repeating: "f", count: 64))  libz.so\n"
    )
    #expect(try PluginLock.read(path) == lock)
    #expect(try PluginLock.read(directory.file("missing.lock")) == nil)
    #expect(PluginLock.path(besideLibrary: "/a/b/libx.so") == "/a/b/plugins.lock")
  }
}
