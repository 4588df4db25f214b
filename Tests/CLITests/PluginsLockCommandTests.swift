import Foundation
import HostTestKit
import PluginHost
import Testing

/// `tradehost plugins lock` and the digest warnings of `plugins validate`: the workflow of a user
/// who drops a library into a folder, records it, and later replaces it.
@Suite("tradehost plugins lock")
struct PluginsLockCommandTests {
  @Test("validate warns about an unrecorded library; lock records it; a changed library is refused")
  func workflow() throws {
    let directory = try TemporaryDirectory()
    let library = directory.file("libmine.so")
    let good = RepositoryPaths.fixtureLibraries + "/libfixture_good.so"
    try FileManager.default.copyItem(atPath: good, toPath: library)
    let manifest = directory.file("mine.yaml")
    try """
    id: mine
    kind: strategy
    version: 1.0.0
    abi: "1.0"
    library: libmine.so
    description: A library dropped in by hand.
    parameters:
      qty: {type: float, default: 1}
      fail_create: {type: bool, default: false}

    """.write(toFile: manifest, atomically: true, encoding: .utf8)
    let lock = directory.file("plugins.lock")

    // Recorded nowhere: valid, with a warning.
    let unlocked = try CLI.run(["plugins", "validate", directory.path])
    #expect(unlocked.status == 0, "\(unlocked.stderr)")
    #expect(
      unlocked.stderr.contains(
        "warning: mine: no sha256 for \(library) (none in \(manifest), none in \(lock)), so it "
          + "loads unchecked; record it with `tradehost plugins lock \(manifest)`"),
      "\(unlocked.stderr)")
    let manifestOnly = try CLI.run(["plugins", "validate", "--manifest-only", manifest])
    #expect(manifestOnly.status == 0)
    #expect(manifestOnly.stderr.contains("warning: mine: no sha256"))

    // Recorded.
    let digest = FileDigest.sha256Hex([UInt8](try Data(contentsOf: URL(fileURLWithPath: good))))
    let locked = try CLI.run(["plugins", "lock", directory.path])
    #expect(locked.status == 0, "\(locked.stderr)")
    #expect(locked.stdout == "mine: \(digest)  libmine.so -> \(lock)\n")
    #expect(try String(contentsOfFile: lock, encoding: .utf8) == "\(digest)  libmine.so\n")
    let checked = try CLI.run(["plugins", "validate", directory.path])
    #expect(checked.status == 0)
    #expect(checked.stderr.isEmpty, "\(checked.stderr)")

    // Replaced behind the lock's back: refused, naming both digests.
    let other = RepositoryPaths.fixtureLibraries + "/libfixture_newer_minor.so"
    try FileManager.default.removeItem(atPath: library)
    try FileManager.default.copyItem(atPath: other, toPath: library)
    let newDigest = FileDigest.sha256Hex(
      [UInt8](try Data(contentsOf: URL(fileURLWithPath: other))))
    let refused = try CLI.run(["plugins", "validate", manifest])
    #expect(refused.status == 1)
    #expect(
      refused.stderr.contains(
        "mine: \(library): sha256 mismatch: \(lock) records \(digest), file has \(newDigest)"),
      "\(refused.stderr)")

    // Locked again on purpose: loads.
    #expect(try CLI.run(["plugins", "lock", manifest]).status == 0)
    #expect(try CLI.run(["plugins", "validate", manifest]).status == 0)
    #expect(try String(contentsOfFile: lock, encoding: .utf8) == "\(newDigest)  libmine.so\n")
  }

  @Test("lock reports a missing library and exits 1, recording the others")
  func missingLibrary() throws {
    let directory = try TemporaryDirectory()
    try """
    id: ghost
    kind: strategy
    version: 1.0.0
    abi: "1.0"
    library: libghost.so
    description: Names a library that is not there.

    """.write(toFile: directory.file("ghost.yaml"), atomically: true, encoding: .utf8)
    let output = try CLI.run(["plugins", "lock", directory.path])
    #expect(output.status == 1)
    #expect(
      output.stderr.contains("ghost: \(directory.file("libghost.so")): cannot read the library"))
    #expect(!FileManager.default.fileExists(atPath: directory.file("plugins.lock")))
  }
}
