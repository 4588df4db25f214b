import Foundation
import HostTestKit
import MarketData
import Testing

@Suite("Binary cache")
struct CacheTests {
  /// A loader caching in `directory/cache`.
  func loader(
    _ directory: TemporaryDirectory, options: CSVReadOptions = CSVReadOptions(),
    verify: Bool = false
  )
    -> MarketDataLoader
  {
    MarketDataLoader(
      reader: CSVReader(options: options),
      cache: DataCache(directory: directory.path + "/cache", verifySourceDigest: verify))
  }

  func entry(_ loader: MarketDataLoader, _ source: String) -> String {
    loader.cache!.entryPath(source: source, key: loader.cacheKey)
  }

  func setModified(_ path: String, _ date: Date) throws {
    try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: path)
  }

  @Test(arguments: [
    "bars/spy_1s_trade_bars_20131007_20131011.csv",
    "bars/oanda_eurusd_1h_bidask_20070101_20181231.csv",
    "ticks/tardis_binance-futures_btcusdt_quotes_20200222.csv",
    "ticks/tardis_binance-futures_btcusdt_trades_20200222.csv",
    "bars/ftx_btc-perp_1m_20211231_20220201.csv",
  ])
  func roundTripIsExact(_ file: String) throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let source = try directory.copy(shared: file)
    let loader = loader(directory, options: CSVReadOptions(instrument: 9))
    let parsed = try loader.load(path: source)
    #expect(parsed.origin == .parsed(cacheMiss: .absent))
    #expect(parsed.cacheProblem == nil)
    let cached = try loader.load(path: source)
    #expect(cached.origin == .cache)
    #expect(cached.series == parsed.series)
    #expect(
      cached.series == (try CSVReader(options: CSVReadOptions(instrument: 9)).read(path: source)))
  }

  @Test func sourceChangesInvalidate() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let source = try directory.copy(shared: "ticks/truefx_usdjpy_quote_ticks_20130101.csv")
    let loader = loader(directory)
    #expect(try loader.load(path: source).series.count == 1000)
    #expect(try loader.load(path: source).origin == .cache)
    // A new row: the size changes.
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: source))
    try handle.seekToEnd()
    try handle.write(contentsOf: Data("2013-01-01 22:35:14.000000+00:00,86.836,86.855\n".utf8))
    try handle.close()
    let grown = try loader.load(path: source)
    #expect(grown.origin == .parsed(cacheMiss: .stale("the source changed")))
    #expect(grown.series.count == 1001)
    #expect(try loader.load(path: source).origin == .cache)
    // Only the modification time changes.
    try setModified(source, Date(timeIntervalSince1970: 1_000_000_000))
    #expect(
      try loader.load(path: source).origin == .parsed(cacheMiss: .stale("the source changed")))
    #expect(try loader.load(path: source).origin == .cache)
  }

  @Test func sameSizeAndTimeEditIsCaughtOnlyByTheDigest() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let source = try directory.write("q.csv", "timestamp,bid,ask\n2024-01-01T00:00:00Z,1.25,1.50\n")
    let when = Date(timeIntervalSince1970: 1_700_000_000)
    try setModified(source, when)
    let fast = loader(directory)
    let checked = loader(directory, verify: true)
    _ = try fast.load(path: source)
    try directory.write("q.csv", "timestamp,bid,ask\n2024-01-01T00:00:00Z,1.26,1.50\n")
    try setModified(source, when)
    // Same size, same time: the stamp cannot tell (documented); the digest can.
    #expect(try fast.load(path: source).origin == .cache)
    let verified = try checked.load(path: source)
    #expect(verified.origin == .parsed(cacheMiss: .stale("the source's SHA-256 differs")))
    #expect(verified.series.quotes?.quotes.first?.bid.raw == 126)
  }

  @Test func corruptEntriesAreIgnoredAndRebuilt() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let source = try directory.copy(shared: "bars/spy_1d_trade_bars_19980102_20210331.csv")
    let loader = loader(directory)
    let original = try loader.load(path: source).series
    let path = entry(loader, source)
    let good = try Data(contentsOf: URL(fileURLWithPath: path))

    var flipped = good
    flipped[good.count / 2] ^= 0x01
    try flipped.write(to: URL(fileURLWithPath: path))
    let afterFlip = try loader.load(path: source)
    #expect(afterFlip.origin == .parsed(cacheMiss: .corrupt("checksum mismatch")))
    #expect(afterFlip.series == original)
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == good)  // rewritten
    #expect(try loader.load(path: source).origin == .cache)

    let damages: [(Data, CacheMiss)] = [
      (good.prefix(good.count - 1), .corrupt("the record count does not match the file size")),
      (good.prefix(200), .corrupt("truncated key")),
      (good.prefix(50), .corrupt("truncated")),
      (Data(), .corrupt("truncated")),
      (Data(repeating: 0xAB, count: 4096), .corrupt("not a cache file")),
      (good.prefix(good.count - 32) + Data(repeating: 0, count: 32), .corrupt("checksum mismatch")),
    ]
    for (damaged, miss) in damages {
      try damaged.write(to: URL(fileURLWithPath: path))
      let result = try loader.load(path: source)
      #expect(result.origin == .parsed(cacheMiss: miss))
      #expect(result.series == original)
    }
    var otherVersion = good
    otherVersion[8] = 99
    try otherVersion.write(to: URL(fileURLWithPath: path))
    #expect(try loader.load(path: source).origin == .parsed(cacheMiss: .stale("format version 99")))
  }

  @Test func everySingleByteFlipIsDetected() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let source = try directory.write(
      "t.csv",
      "timestamp,price,size,side\n1582329602111000,9682,0.132,buy\n"
        + "1582329602116000,9682.5,0.4,sell\n"
    )
    let loader = loader(directory)
    _ = try loader.load(path: source)
    let path = entry(loader, source)
    let good = try Data(contentsOf: URL(fileURLWithPath: path))
    let cache = loader.cache!
    for index in 0..<good.count {
      var damaged = good
      damaged[index] ^= 0x40
      try damaged.write(to: URL(fileURLWithPath: path))
      guard case .miss = cache.load(source: source, key: loader.cacheKey) else {
        Issue.record("a flip at byte \(index) went unnoticed")
        continue
      }
    }
  }

  @Test func optionsAreInTheKey() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let source = try directory.copy(shared: "bars/spy_1d_trade_bars_19980102_20210331.csv")
    _ = try loader(directory).load(path: source)
    let other = loader(directory, options: CSVReadOptions(pricePrecision: 6))
    let result = try other.load(path: source)
    #expect(result.origin == .parsed(cacheMiss: .absent))
    #expect(result.series.bars?.pricePrecision == 6)
    #expect(entry(other, source) != entry(loader(directory), source))
  }

  @Test func unwritableCacheStillLoads() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let source = try directory.copy(shared: "ticks/truefx_usdjpy_quote_ticks_20130101.csv")
    try directory.write("cache", "a file where the cache directory should be")
    let result = try loader(directory).load(path: source)
    #expect(result.series.count == 1000)
    #expect(result.cacheProblem != nil)
  }

  @Test func badSourceIsStillAnError() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let source = try directory.write(
      "bad.csv", "ts_utc,open,high,low,close\n2024-01-01T00:00:00Z,x,1,1,1\n")
    let error = dataError { _ = try loader(directory).load(path: source) }
    #expect(error?.code == .malformedNumber)
  }

  @Test func defaultDirectory() {
    #expect(
      DataCache.defaultDirectory(environment: ["XDG_CACHE_HOME": "/x/cache", "HOME": "/home/u"])
        == "/x/cache/tradehost")
    #expect(
      DataCache.defaultDirectory(environment: ["HOME": "/home/u"]) == "/home/u/.cache/tradehost")
    #expect(
      DataCache.defaultDirectory(environment: ["XDG_CACHE_HOME": "relative", "HOME": "/home/u"])
        == "/home/u/.cache/tradehost")
    #expect(DataCache.defaultDirectory(environment: [:]) == nil)
  }
}
