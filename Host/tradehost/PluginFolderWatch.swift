import Control
import Deployment
import Foundation
import PluginHost
import PluginManifest

/// Hot reload on file changes: watches the manifest folders (the search path) and the folders of
/// the libraries
/// its strategy manifests name; when a strategy's manifest, its library or the `plugins.lock`
/// beside the library changes (written and closed, or renamed into place), a reload of that
/// strategy is queued; the deployer sends it where the strategy's `on_change` says (its canary
/// slot by default when it has one). (So a new version whose digest the lock did not yet
/// record, refused on its first reload, loads once `tradehost plugins lock` records it.)
///
/// The watcher's thread calls `changed`; it reads the manifests (small files) and queues
/// commands, never touching the kernel. A manifest that does not parse is reported on standard
/// error and nothing reloads; the running versions stay.
enum PluginFolderWatch {
  /// Starts watching; the caller stops the returned watcher.
  static func start(manifests: [String], desk: DeploymentDesk) throws(DirectoryWatcherError)
    -> DirectoryWatcher
  {
    let folders = manifests.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
    var directories: [String] = []
    for folder in folders where !directories.contains(folder) { directories.append(folder) }
    for manifest in strategyManifests(in: folders) {
      let directory = URL(fileURLWithPath: manifest.libraryPath).deletingLastPathComponent().path
      if FileManager.default.fileExists(atPath: directory), !directories.contains(directory) {
        directories.append(directory)
      }
    }
    let watcher = DirectoryWatcher(directories: directories, settle: nil) { paths in
      changed(paths, folders: folders, desk: desk)
    }
    try watcher.start()
    return watcher
  }

  /// Queues a reload for each strategy whose manifest, library or lock file is among `paths`.
  static func changed(_ paths: [String], folders: [String], desk: DeploymentDesk) {
    let changed = Set(paths.map { URL(fileURLWithPath: $0).standardizedFileURL.path })
    var ids: [String] = []
    for path in changed.sorted() where path.hasSuffix(".yaml") || path.hasSuffix(".yml") {
      if case .failure(let error) = ManifestParser.load(path: path) {
        printError("watch: \(error.description) (the running versions stay)", level: .warning)
      }
    }
    for manifest in strategyManifests(in: folders)
    where changed.contains(URL(fileURLWithPath: manifest.file).standardizedFileURL.path)
      || changed.contains(manifest.libraryPath)
      || changed.contains(PluginLock.path(besideLibrary: manifest.libraryPath))
    {
      if !ids.contains(manifest.id) { ids.append(manifest.id) }
    }
    for id in ids {
      printError("watch: \(id) changed on disk", level: .notice)
      desk.submit(DeploymentCommand(.reload(plugin: id, slot: nil), source: .watcher))
    }
  }

  /// The folders' strategy manifests that parse.
  private static func strategyManifests(in folders: [String]) -> [Manifest] {
    let files = folders.flatMap { (try? ManifestParser.manifestFiles(in: $0)) ?? [] }
    return files.compactMap { path in
      guard case .success(let manifest) = ManifestParser.load(path: path),
        manifest.kind == .strategy
      else { return nil }
      return manifest
    }
  }
}
