import Foundation

/// A directory of parsed series in a compact binary form (`CacheFormat`), so a file parsed
/// once loads in milliseconds afterwards. A value holding a directory path: `Sendable`, and
/// safe to use from several threads or processes at once (entries are written atomically and
/// checked in full when read).
///
/// An entry is found by the source's absolute path and a key (the reader version, layout choice
/// and options: `MarketDataLoader` builds it). It is trusted only when its magic, format
/// version, key, the source's current size and modification time (and, with
/// `verifySourceDigest`, the SHA-256 of the source's bytes), its length and its payload checksum
/// all match. Anything else is a `CacheMiss`: the caller parses again and overwrites the entry.
/// A damaged entry never traps and is never used.
///
/// The directory is the caller's (the CLI passes `$XDG_CACHE_HOME/tradehost` or
/// `~/.cache/tradehost`, see `defaultDirectory`); it is created on the first store.
public struct DataCache: Sendable {
  /// Where entries live.
  public let directory: String
  /// Also hash the source on every load and compare with the digest stored at parse time
  /// (catches edits that keep size and mtime; costs reading and hashing the source).
  public var verifySourceDigest: Bool

  public init(directory: String, verifySourceDigest: Bool = false) {
    self.directory = directory
    self.verifySourceDigest = verifySourceDigest
  }

  /// `$XDG_CACHE_HOME/tradehost` when set (and absolute), else `$HOME/.cache/tradehost`;
  /// `nil` when neither is known. Pure.
  public static func defaultDirectory(environment: [String: String]) -> String? {
    if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") { return xdg + "/tradehost" }
    if let home = environment["HOME"], !home.isEmpty { return home + "/.cache/tradehost" }
    return nil
  }

  /// The entry file for `source` under `key`: a hash of the source's absolute path and the key.
  public func entryPath(source: String, key: String) -> String {
    let absolute = URL(fileURLWithPath: source).standardizedFileURL.path
    let name = SHA256Digest.hex(SHA256Digest.of(Array((absolute + "\n" + key).utf8)))
    return directory + "/" + name.prefix(40) + ".thmd"
  }

  /// The cached series for `source` under `key`, if a valid entry exists for the source as it
  /// is now. Blocking I/O.
  public func load(source: String, key: String) -> CacheLookup {
    guard let stamp = SourceStamp.of(path: source) else {
      return .miss(.stale("the source cannot be examined"))
    }
    let path = entryPath(source: source, key: key)
    guard FileManager.default.fileExists(atPath: path) else { return .miss(.absent) }
    let bytes: [UInt8]
    do {
      bytes = try FileBytes.read(path: path)
    } catch {
      return .miss(.corrupt("unreadable: \(error.message)"))
    }
    let digest: (() -> [UInt8]?)? =
      verifySourceDigest ? { (try? FileBytes.read(path: source)).map(SHA256Digest.of) } : nil
    return bytes.withUnsafeBytes { raw in
      CacheFormat.decode(
        raw, expecting: CacheFormat.Expectation(key: key, stamp: stamp, sourceDigest: digest))
    }
  }

  /// Stores `series`, parsed from `sourceBytes` of `source` whose stamp was `stamp` before it
  /// was read, replacing any entry atomically. Blocking I/O.
  public func store(
    _ series: MarketSeries, source: String, key: String, stamp: SourceStamp, sourceBytes: [UInt8]
  ) throws(DataCacheError) {
    do {
      try FileManager.default.createDirectory(
        atPath: directory, withIntermediateDirectories: true)
    } catch {
      throw DataCacheError(path: directory, message: "cannot create the cache directory")
    }
    let bytes = CacheFormat.encode(
      series, key: key, stamp: stamp, sourceDigest: SHA256Digest.of(sourceBytes))
    try AtomicFile.write(bytes, to: entryPath(source: source, key: key))
  }
}
