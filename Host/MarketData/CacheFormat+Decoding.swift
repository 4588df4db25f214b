import TradingModel

extension CacheFormat {
  /// What a decoder must match: the key, the source's current stamp, and (when verifying) the
  /// source's digest.
  struct Expectation {
    var key: String
    var stamp: SourceStamp
    /// Computes the source's SHA-256 when the caller wants it checked; `nil` skips the check.
    var sourceDigest: (() -> [UInt8]?)?
  }

  /// The series in `bytes`, or why they cannot be trusted. Never traps on any input.
  static func decode(_ bytes: UnsafeRawBufferPointer, expecting expected: Expectation)
    -> CacheLookup
  {
    func u64(_ offset: Int) -> UInt64 {
      UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }
    func i64(_ offset: Int) -> Int64 { Int64(bitPattern: u64(offset)) }
    func u32(_ offset: Int) -> UInt32 {
      UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }
    guard bytes.count >= headerSize + checksumSize else { return .miss(.corrupt("truncated")) }
    guard bytes.prefix(8).elementsEqual(magic) else { return .miss(.corrupt("not a cache file")) }
    guard u32(8) == version else { return .miss(.stale("format version \(u32(8))")) }
    let keyLength = Int(u32(20))
    let recordsAt = headerSize + padded(keyLength)
    guard recordsAt <= bytes.count - checksumSize else { return .miss(.corrupt("truncated key")) }
    let keyBytes = UnsafeRawBufferPointer(rebasing: bytes[headerSize..<(headerSize + keyLength)])
    guard keyBytes.elementsEqual(expected.key.utf8) else { return .miss(.stale("another key")) }
    let stamp = SourceStamp(size: u64(24), modified: i64(32))
    guard stamp == expected.stamp else { return .miss(.stale("the source changed")) }
    if let digest = expected.sourceDigest {
      guard let actual = digest(), bytes[40..<72].elementsEqual(actual) else {
        return .miss(.stale("the source's SHA-256 differs"))
      }
    }
    let kind = bytes[12]
    let pricePrecision = bytes[13]
    let sizePrecision = bytes[14]
    guard let recordBytes = recordSize(kind: kind), pricePrecision <= FixedPoint.maxPrecision,
      sizePrecision <= FixedPoint.maxPrecision
    else { return .miss(.corrupt("bad kind or precision")) }
    let count = u64(96)
    let available = bytes.count - checksumSize - recordsAt
    guard count <= UInt64(available), Int(count) * recordBytes == available else {
      return .miss(.corrupt("the record count does not match the file size"))
    }
    let checksumAt = bytes.count - checksumSize
    let checksum = SHA256Digest.of(UnsafeRawBufferPointer(rebasing: bytes[0..<checksumAt]))
    guard bytes[checksumAt...].elementsEqual(checksum) else {
      return .miss(.corrupt("checksum mismatch"))
    }
    let records = Records(
      bytes: bytes, start: recordsAt, count: Int(count), size: recordBytes,
      instrument: InstrumentID(u32(16)), pricePrecision: pricePrecision,
      sizePrecision: sizePrecision)
    switch kind {
    case 1:
      return .hit(
        .bars(
          BarSeries(
            instrument: records.instrument, pricePrecision: pricePrecision,
            volumePrecision: sizePrecision, duration: i64(72), bars: records.bars(),
            roundedVolumes: Int(i64(80)))))
    case 2:
      return .hit(
        .quotes(
          QuoteSeries(
            instrument: records.instrument, pricePrecision: pricePrecision,
            sizePrecision: sizePrecision, quotes: records.quotes(), roundedSizes: Int(i64(80)))))
    default:
      guard let trades = records.trades() else {
        return .miss(.corrupt("a trade record has an unknown aggressor"))
      }
      return .hit(
        .trades(
          TradeSeries(
            instrument: records.instrument, pricePrecision: pricePrecision,
            sizePrecision: sizePrecision, trades: trades, skippedRows: Int(i64(88)),
            roundedSizes: Int(i64(80)))))
    }
  }
}
