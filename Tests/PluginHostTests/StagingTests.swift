import Foundation
import HostTestKit
import PluginHost
import Testing

/// Another local user must not be able to run code in the host by touching a plugin's staged
/// bytes between the loader's checks and `dlopen`. The loader stages in a sealed memory file:
/// there is no folder to pre-create and no file to swap, and the file cannot change.
@Suite("Staging: sealed memory files, nothing on disk")
struct StagingTests {
  /// The targets of this process's descriptors whose memory-file name contains `name`.
  func memoryFiles(named name: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").compactMap {
      let target = try? FileManager.default.destinationOfSymbolicLink(
        atPath: "/proc/self/fd/" + $0)
      return target.flatMap { $0.contains("memfd:tradehost:\(name)-") ? $0 : nil }
    }
  }

  @Test("a staged library holds exactly the given bytes, and no one can write, shrink or grow it")
  func sealed() throws {
    let bytes = [UInt8](try Fixtures.goodLibraryBytes())
    let staging = LibraryStaging()
    let staged = try staging.stage(bytes, id: "sealed", version: "1.0.0")
    defer { staging.discard(staged) }
    #expect(staged.bytes == bytes)
    #expect(staged.path == "/proc/self/fd/\(staged.descriptor)")
    #expect(FileManager.default.contents(atPath: staged.path).map { [UInt8]($0) } == bytes)
    // The swap an attacker would try, through the only name the file has: every change fails.
    let writer = open(staged.path, O_WRONLY)
    #expect(writer >= 0)
    defer { close(writer) }
    #expect(Glibc.write(writer, "\u{7F}EVIL", 5) == -1 && errno == EPERM)
    #expect(ftruncate(writer, 0) == -1 && errno == EPERM)
    #expect(ftruncate(writer, Int(bytes.count) + 4096) == -1 && errno == EPERM)
    #expect(FileManager.default.contents(atPath: staged.path).map { [UInt8]($0) } == bytes)
  }

  @Test(
    "a folder another user made where the old loader staged (mode 0777, a swapped library in it) has no effect"
  )
  func attackerFolderIsIgnored() throws {
    // The predictable path the loader used to stage in: /tmp/tradehost-<uid>/<pid>/.
    let parent = "/tmp/tradehost-\(getuid())"
    _ = mkdir(parent, 0o700)
    let planted = "\(parent)/\(getpid())"
    #expect(mkdir(planted, 0o777) == 0 || errno == EEXIST)
    defer { try? FileManager.default.removeItem(atPath: planted) }
    #expect(chmod(planted, 0o777) == 0)
    if geteuid() == 0 { #expect(chown(planted, 65534, 65534) == 0) }
    // The attacker's library waits under the names the old loader gave its copies.
    let evil = RepositoryPaths.fixtureLibraries + "/libfixture_bad_kind.so"
    for counter in 1...64 {
      _ = FileManager.default.createFile(
        atPath: "\(planted)/fixture-good-1.0.0-\(counter).so",
        contents: FileManager.default.contents(atPath: evil))
    }
    let before = try FileManager.default.contentsOfDirectory(atPath: planted).sorted()
    let plugin = try Fixtures.load("fixture-good").get()
    #expect(plugin.kind == .strategy && plugin.libraryID == "fixture-strategy")
    #expect(plugin.stagedPath.hasPrefix("/proc/self/fd/"))
    // The image was mapped from the sealed memory file, and nothing was written to the folder.
    // Read to the end: procfs reports a size of 0, so a reader that trusts it gets a part.
    let maps = try #require(FileHandle(forReadingAtPath: "/proc/self/maps")).readDataToEndOfFile()
    #expect(maps.count > 4096)
    #expect(String(decoding: maps, as: UTF8.self).contains("/memfd:tradehost:fixture-good-1.0.0"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: planted).sorted() == before)
  }

  @Test("a load that fails before dlopen closes its memory file; a loaded one keeps it open")
  func descriptors() throws {
    let directory = try TemporaryDirectory()
    let bytes = [UInt8](try Fixtures.goodLibraryBytes())
    let cut = directory.file("libcut.so")
    #expect(FileManager.default.createFile(atPath: cut, contents: Data(bytes.prefix(200))))
    let failing = "staging-cut-\(getpid())"
    let manifest = try directory.manifest(id: failing, library: cut)
    guard case .failure(let error) = PluginLoader().load(manifestPath: manifest) else {
      throw TestKitError("a truncated library loaded")
    }
    guard case .truncated = error.cause else { throw TestKitError("\(error)") }
    #expect(try memoryFiles(named: failing).isEmpty)

    let loading = "staging-ok-\(getpid())"
    let good = try directory.manifest(
      id: loading, library: RepositoryPaths.fixtureLibraries + "/libfixture_good.so")
    let plugin = try PluginLoader().load(manifestPath: good).get()
    let open = try memoryFiles(named: loading)
    #expect(open.count == 1, "\(open)")
    #expect(plugin.stagedPath.hasPrefix("/proc/self/fd/"))
  }
}
