import Foundation
import PluginManifest

/// The SHA-256 digests of the plugin libraries in one folder: `plugins.lock` beside them,
/// written by `make plugins` (for the shipped plugins) and by `tradehost plugins lock` (for any
/// folder, e.g. after dropping in a new version), and checked by the loader on every load.
///
/// A committed manifest cannot carry the digest of a library built on the user's machine, so
/// the digest lives next to the library, written by whatever built or placed it. The format is
/// `sha256sum`'s: one line per library, `<64 hex digits>  <file name>` (a `*` before the name,
/// sha256sum's binary mark, is accepted), so `sha256sum -c plugins.lock` checks it too. Blank
/// lines and lines starting with `#` are ignored. A manifest's own `sha256` takes precedence.
///
/// Values; reading and writing block on the file system. Any thread.
public struct PluginLock: Sendable, Equatable {
  /// The lock file's name in a library folder.
  public static let fileName = "plugins.lock"

  /// Digest (lowercase hex) by library file name.
  public private(set) var digests: [String: String]

  public init(digests: [String: String] = [:]) {
    self.digests = digests.mapValues { $0.lowercased() }
  }

  /// `plugins.lock` in the folder of `library`.
  public static func path(besideLibrary library: String) -> String {
    URL(fileURLWithPath: library).deletingLastPathComponent().appendingPathComponent(fileName)
      .path
  }

  /// The digest the lock records for the library file `name`.
  public func digest(of name: String) -> String? {
    digests[name]
  }

  /// Records `digest` for the library file `name`, replacing an older one.
  public mutating func record(_ digest: String, for name: String) {
    digests[name] = digest.lowercased()
  }

  /// The file's text: one line per library, sorted by name.
  public var text: String {
    digests.keys.sorted().map { "\(digests[$0]!)  \($0)\n" }.joined()
  }

  /// Parses the text of the lock file at `path` (named in the error, with the line at fault).
  public static func parse(_ text: String, path: String) throws(PluginLoadError.Cause)
    -> PluginLock
  {
    func problem(_ message: String) -> PluginLoadError.Cause {
      .lockUnreadable(lock: path, problem: message)
    }
    var digests: [String: String] = [:]
    for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false)
      .enumerated()
    {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
      let digest = line.prefix(64)
      var rest = line.dropFirst(64)
      guard digest.count == 64, digest.allSatisfy(\.isHexDigit), rest.first == " " else {
        throw problem("line \(index + 1) is not '<sha256 in 64 hex digits>  <library file name>'")
      }
      rest = rest.dropFirst()
      if rest.first == " " || rest.first == "*" { rest = rest.dropFirst() }
      let name = String(rest)
      guard !name.isEmpty, !name.contains("/") else {
        throw problem("line \(index + 1) names no library file (a plain file name is needed)")
      }
      guard digests[name] == nil else {
        throw problem("line \(index + 1) records \(name) a second time")
      }
      digests[name] = digest.lowercased()
    }
    return PluginLock(digests: digests)
  }

  /// The lock at `path`, or nil when there is none.
  public static func read(_ path: String) throws(PluginLoadError.Cause) -> PluginLock? {
    guard FileManager.default.fileExists(atPath: path) else { return nil }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .lockUnreadable(lock: path, problem: "permission denied or I/O error")
    }
    return try parse(String(decoding: data, as: UTF8.self), path: path)
  }

  /// Writes the lock to `path` atomically (a complete file or the old one, never a part).
  public func write(to path: String) throws(PluginLoadError.Cause) {
    do {
      try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
      throw .lockUnreadable(lock: path, problem: "cannot write it: \(error.localizedDescription)")
    }
  }

  /// The digest a manifest's library must have, and where it comes from: the manifest's
  /// `sha256`, else the lock file beside the library; nil when neither gives one.
  public static func expectedDigest(for manifest: Manifest) throws(PluginLoadError.Cause)
    -> ExpectedDigest?
  {
    if let digest = manifest.sha256 {
      return ExpectedDigest(digest: digest.lowercased(), source: .manifest)
    }
    let lockPath = path(besideLibrary: manifest.libraryPath)
    let name = URL(fileURLWithPath: manifest.libraryPath).lastPathComponent
    guard let lock = try read(lockPath), let digest = lock.digest(of: name) else { return nil }
    return ExpectedDigest(digest: digest, source: .lockFile(lockPath))
  }
}
