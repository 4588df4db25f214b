/// Reads a market-data file through a `DataCache`: a valid entry is loaded, otherwise the file is
/// parsed with `reader` and the entry (re)written. What the CLI and the kernel's setup call.
/// Plain value; `load` is synchronous blocking I/O, callable from any thread.
public struct MarketDataLoader: Sendable {
  /// Parses a source on a cache miss; its layout choice and options are part of the cache key.
  public var reader: CSVReader
  /// The cache, or `nil` to always parse.
  public var cache: DataCache?

  public init(reader: CSVReader = CSVReader(), cache: DataCache? = nil) {
    self.reader = reader
    self.cache = cache
  }

  /// Bumped whenever parsing changes what a file reads as, so old cache entries are not reused.
  public static let readerVersion = 1

  /// The cache key of `reader`: reader version, layout choice, options.
  public var cacheKey: String {
    "reader=\(Self.readerVersion) layout=\(reader.layout) \(reader.options)"
  }

  /// The series in `path`, from the cache when possible. Throws only for a bad or unreadable
  /// source; a cache that cannot be written is reported in `LoadedSeries.cacheProblem`.
  public func load(path: String) throws(DataError) -> LoadedSeries {
    var miss: CacheMiss?
    if let cache {
      switch cache.load(source: path, key: cacheKey) {
      case .hit(let series): return LoadedSeries(series: series, origin: .cache)
      case .miss(let reason): miss = reason
      }
    }
    let stamp = SourceStamp.of(path: path)
    let bytes = try FileBytes.read(path: path)
    let series = try reader.read(bytes: bytes, path: path)
    var problem: DataCacheError?
    if let cache, let stamp {
      do {
        try cache.store(series, source: path, key: cacheKey, stamp: stamp, sourceBytes: bytes)
      } catch {
        problem = error
      }
    }
    return LoadedSeries(series: series, origin: .parsed(cacheMiss: miss), cacheProblem: problem)
  }
}
