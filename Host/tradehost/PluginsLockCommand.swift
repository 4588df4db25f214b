import ArgumentParser
import Foundation
import PluginHost
import PluginManifest

extension PluginsCommand {
  /// `tradehost plugins lock`: record the SHA-256 of each manifest's library in the
  /// `plugins.lock` beside the library, which the loader then checks on every load.
  struct LockCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "lock",
      abstract: "Record the sha256 of each manifest's library in plugins.lock beside it.",
      discussion: """
        `make plugins` writes .build/plugins/plugins.lock for the shipped plugins. Run this \\
        after building or dropping in a library by other means (a new version for hot reload, \\
        an out-of-tree plugin): from then on the loader refuses that library if its bytes \\
        change. Other entries of an existing lock file are kept. A manifest with its own \\
        `sha256` is left out (that digest is the one checked). Exits 1 if a manifest or a \\
        library cannot be read.
        """)

    @Argument(help: "Manifest files or folders of manifests (default: manifests).")
    var paths: [String] = []

    func run() throws {
      let collected = ManifestFiles.collect(paths)
      var problems = collected.problems
      var locks: [String: PluginLock] = [:]
      var order: [String] = []
      for file in collected.files {
        let manifest: Manifest
        switch ManifestParser.load(path: file) {
        case .success(let parsed): manifest = parsed
        case .failure(let error):
          problems += error.problems.count
          for problem in error.problems { printError(problem.description) }
          continue
        }
        if manifest.sha256 != nil {
          print("\(manifest.id): its manifest records its sha256; left out of the lock")
          continue
        }
        guard let bytes = FileManager.default.contents(atPath: manifest.libraryPath) else {
          problems += 1
          printError("\(manifest.id): \(manifest.libraryPath): cannot read the library")
          continue
        }
        let lockPath = PluginLock.path(besideLibrary: manifest.libraryPath)
        if locks[lockPath] == nil {
          do throws(PluginLoadError.Cause) {
            locks[lockPath] = try PluginLock.read(lockPath) ?? PluginLock()
            order.append(lockPath)
          } catch {
            problems += 1
            printError("\(manifest.id): \(error.message)")
            continue
          }
        }
        let digest = FileDigest.sha256Hex([UInt8](bytes))
        let name = URL(fileURLWithPath: manifest.libraryPath).lastPathComponent
        locks[lockPath]?.record(digest, for: name)
        print("\(manifest.id): \(digest)  \(name) -> \(lockPath)")
      }
      for path in order {
        do throws(PluginLoadError.Cause) {
          try locks[path]?.write(to: path)
        } catch {
          problems += 1
          printError(error.message)
        }
      }
      if problems > 0 {
        printError(
          "\(problems) problem\(problems == 1 ? "" : "s"); the other digests were recorded")
        throw ExitCode(1)
      }
    }
  }
}
