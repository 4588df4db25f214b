import ArgumentParser
import Foundation
import Logging
import PluginHost
import PluginManifest

/// `tradehost plugins`: list, validate and lock plugins.
struct PluginsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "plugins", abstract: "List, validate and lock plugins.",
    subcommands: [ListCommand.self, ValidateCommand.self, LockCommand.self])

  /// `tradehost plugins list`: a table of every plugin in a manifest folder and its status.
  struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "list", abstract: "List the plugins of a manifest folder with their status.")

    @Option(
      name: .long, parsing: .singleValue,
      help:
        "A folder of plugin manifests; repeat for a search path, read in order (default: manifests)."
    )
    var manifests: [String] = []

    func run() throws {
      let registry = PluginRegistry()
      do {
        try registry.loadDirectories(manifests.isEmpty ? ["manifests"] : manifests)
      } catch {
        printError(error.description)
        throw ExitCode(2)
      }
      print(PluginTable(registry: registry).render(), terminator: "")
      for error in registry.errors {
        printError(error.description)
      }
    }
  }

  /// `tradehost plugins validate`: check manifests and their libraries; exit 1 on any problem.
  struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "validate",
      abstract: "Validate manifests (files or folders) and load their libraries.",
      discussion: """
        Prints one line per problem and exits 1 when any is found, 0 when all are valid. Warns \
        (exit status unchanged) about a library whose sha256 is recorded neither in its manifest \
        nor in the plugins.lock beside it: the loader cannot check it (`tradehost plugins lock`).
        """)

    @Argument(help: "Manifest files or folders of manifests (default: manifests).")
    var paths: [String] = []

    @Flag(name: .long, help: "Check the manifests only; do not open the libraries.")
    var manifestOnly = false

    func run() throws {
      let collected = ManifestFiles.collect(paths)
      let files = collected.files
      var problems = collected.problems
      let registry = PluginRegistry()
      var firstFile: [String: String] = [:]
      for file in files {
        if manifestOnly {
          switch ManifestParser.load(path: file) {
          case .success(let manifest):
            if let first = firstFile[manifest.id] {
              problems += 1
              printError("\(file): \(manifest.id): the id is already provided by \(first)")
              continue
            }
            firstFile[manifest.id] = file
            print("\(manifest.id): ok (\(file))")
            do throws(PluginLoadError.Cause) {
              if try PluginLock.expectedDigest(for: manifest) == nil { warnUnlocked(manifest) }
            } catch {
              problems += 1
              printError("\(manifest.id): \(manifest.libraryPath): \(error.message)")
            }
          case .failure(let error):
            problems += error.problems.count
            for problem in error.problems { printError(problem.description) }
          }
          continue
        }
        switch registry.load(manifestPath: file) {
        case .success(let plugin):
          print("\(plugin.id): ok (\(plugin.kind.rawValue) \(plugin.manifest.version), \(file))")
          if plugin.checksum == nil { warnUnlocked(plugin.manifest) }
        case .failure(let error):
          problems += error.lines.count
          for line in error.lines { printError(line) }
        }
      }
      if problems > 0 {
        printError(
          "\(problems) problem\(problems == 1 ? "" : "s") in \(files.count) manifest\(files.count == 1 ? "" : "s")"
        )
        throw ExitCode(1)
      }
    }

    /// A warning (not a problem: the exit status stays 0) for a library whose digest is
    /// recorded nowhere, so the loader cannot check it.
    private func warnUnlocked(_ manifest: Manifest) {
      printError(
        "warning: \(manifest.id): no sha256 for \(manifest.libraryPath) (none in \(manifest.file), "
          + "none in \(PluginLock.path(besideLibrary: manifest.libraryPath))), so it loads "
          + "unchecked; record it with `tradehost plugins lock \(manifest.file)`")
    }
  }
}

/// Logs one of the host's own messages (`HostLog`): on standard error above a running host's
/// status line when `level` meets the console's threshold, and in the log file when it meets
/// the file's. Problems are `error` (the default); what the host is doing is `notice`.
/// A fragment (`newline: false`, a progress display) goes to the console only, unlogged.
func printError(_ line: String, level: Logger.Level = .error, newline: Bool = true) {
  guard newline else {
    Console.standardError.message(line, newline: false)
    return
  }
  HostLog.host.log(level: level, "\(line)")
}
