/// The answer of `DataCache.load`. Plain data.
public enum CacheLookup: Sendable, Hashable {
  /// The cache holds a valid entry for the source as it is now.
  case hit(MarketSeries)
  /// No usable entry; the caller parses the source (and may store the result).
  case miss(CacheMiss)
}
