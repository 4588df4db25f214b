/// The binary layout of a `DataCache` entry, format version 1. Every integer is little-endian.
///
/// ```
/// offset  size  field
///      0     8  magic "THMDCACH"
///      8     4  format version (1)
///     12     1  kind: 1 bars, 2 quotes, 3 trades
///     13     1  price precision
///     14     1  size (volume) precision
///     15     1  reserved, 0
///     16     4  instrument id
///     20     4  key length k (UTF-8 bytes)
///     24     8  source size, bytes
///     32     8  source modification time, ns since the epoch
///     40    32  SHA-256 of the source bytes that were parsed
///     72     8  bar duration, ns (0 for ticks)
///     80     8  rounded sizes/volumes
///     88     8  skipped rows
///     96     8  record count n
///    104     k  key (reader version, layout choice and options), zero-padded to a multiple of 8
///      …  n*r  records: bars r=48 (time, open, high, low, close, volume); quotes r=40 (time,
///              bid, ask, bid size, ask size); trades r=32 (time, price, size, aggressor)
///   end-32  32  SHA-256 of every byte before it
/// ```
///
/// Pure functions on byte buffers; any thread.
enum CacheFormat {
  static let magic: [UInt8] = Array("THMDCACH".utf8)
  static let version: UInt32 = 1
  static let headerSize = 104
  static let checksumSize = 32

  /// The kind byte of a series.
  static func kindByte(_ series: MarketSeries) -> UInt8 {
    switch series {
    case .bars: 1
    case .quotes: 2
    case .trades: 3
    }
  }

  /// Bytes per record of a kind byte, `nil` for an unknown kind.
  static func recordSize(kind: UInt8) -> Int? {
    switch kind {
    case 1: 48
    case 2: 40
    case 3: 32
    default: nil
    }
  }

  /// `count` rounded up to a multiple of 8.
  static func padded(_ count: Int) -> Int { (count + 7) & ~7 }
}
