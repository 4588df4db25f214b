/// What `MarketDataLoader.load` returns: the series and where it came from. Plain data.
public struct LoadedSeries: Sendable, Hashable {
  /// Where the series came from.
  public enum Origin: Sendable, Hashable {
    /// A valid cache entry.
    case cache
    /// The source was parsed; `cacheMiss` says why the cache was not used (`nil`: no cache).
    case parsed(cacheMiss: CacheMiss?)
  }

  /// The data.
  public var series: MarketSeries
  /// Whether it came from the cache or from parsing the source.
  public var origin: Origin
  /// Why the cache entry could not be written, if it could not (the series is still good).
  public var cacheProblem: DataCacheError?

  public init(series: MarketSeries, origin: Origin, cacheProblem: DataCacheError? = nil) {
    self.series = series
    self.origin = origin
    self.cacheProblem = cacheProblem
  }
}
