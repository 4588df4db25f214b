import Foundation
import PluginManifest

/// The manifest files that `plugins validate` and `plugins lock` work on: each argument is a
/// manifest file or a folder of manifests (default: `manifests`).
enum ManifestFiles {
  /// The files, and how many folders could not be listed (each reported on standard error).
  static func collect(_ paths: [String]) -> (files: [String], problems: Int) {
    var files: [String] = []
    var problems = 0
    for path in paths.isEmpty ? ["manifests"] : paths {
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
        isDirectory.boolValue
      {
        do {
          files += try ManifestParser.manifestFiles(in: path)
        } catch {
          printError(error.description)
          problems += 1
        }
      } else {
        files.append(path)
      }
    }
    return (files, problems)
  }
}
