import Foundation
import PluginManifest
import Testing

@Suite("Reading files and folders")
struct ManifestFilesTests {
  /// A fresh folder under the temporary directory, removed by the caller.
  private func makeFolder() throws -> String {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("plugin-manifest-tests-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    return folder
  }

  @Test func listsYAMLFilesSortedAndNonRecursive() throws {
    let folder = try makeFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    for name in ["b.yaml", "a.yml", "c.txt", ".hidden.yaml", "B.yaml", "nested/x.yaml"] {
      let path = folder + "/" + name
      try FileManager.default.createDirectory(
        atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      try Data("id: x\n".utf8).write(to: URL(fileURLWithPath: path))
    }
    try FileManager.default.createDirectory(
      atPath: folder + "/dir.yaml", withIntermediateDirectories: true)
    let files = try ManifestParser.manifestFiles(in: folder)
    #expect(files == ["B.yaml", "a.yml", "b.yaml"].map { folder + "/" + $0 })
    #expect(try ManifestParser.manifestFiles(in: folder + "/") == files)
  }

  @Test func fixtureFolder() throws {
    let files = try ManifestParser.manifestFiles(in: Fixtures.path("good"))
    #expect(
      files
        == ["exchange", "indicator", "model", "strategy"].map { Fixtures.path("good/\($0).yaml") })
  }

  @Test func folderErrors() {
    #expect(throws: ManifestError.self) {
      try ManifestParser.manifestFiles(in: "/nonexistent/manifests")
    }
    do {
      _ = try ManifestParser.manifestFiles(in: Fixtures.path("good/model.yaml"))
      Issue.record("expected an error")
    } catch {
      #expect(
        error.problems == [
          ManifestProblem(
            file: Fixtures.path("good/model.yaml"),
            message: "the manifest folder is not a directory")
        ])
    }
  }

  @Test func loadErrorsAreOneProblemEach() throws {
    func problems(_ path: String) -> [ManifestProblem] {
      if case .failure(let error) = ManifestParser.load(path: path) { return error.problems }
      Issue.record("expected \(path) to fail")
      return []
    }
    #expect(
      problems("/nonexistent/m.yaml") == [
        ManifestProblem(file: "/nonexistent/m.yaml", message: "the file does not exist")
      ])
    #expect(
      problems(Fixtures.path("good")).map(\.message) == ["this is a directory, not a manifest file"]
    )

    let folder = try makeFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let big = folder + "/big.yaml"
    try Data(repeating: UInt8(ascii: "#"), count: ManifestParser.maximumSize + 1).write(
      to: URL(fileURLWithPath: big))
    #expect(problems(big).map(\.message) == ["the file is larger than 1048576 bytes"])
  }

  @Test func loadThroughSymlink() throws {
    let folder = try makeFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let link = folder + "/linked.yaml"
    try FileManager.default.createSymbolicLink(
      atPath: link, withDestinationPath: Fixtures.path("good/exchange.yaml"))
    let manifest = try ManifestParser.load(path: link).get()
    #expect(manifest.file == link)
    // The library is resolved against the folder of the path as given, not the link's target.
    #expect(manifest.libraryPath == folder + "/libsim.so")
  }
}
