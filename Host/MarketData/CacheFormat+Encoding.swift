import TradingModel

extension CacheFormat {
  /// The complete entry for `series` (see `CacheFormat` for the layout).
  static func encode(
    _ series: MarketSeries, key: String, stamp: SourceStamp, sourceDigest: [UInt8]
  ) -> [UInt8] {
    let keyBytes = Array(key.utf8)
    let kind = kindByte(series)
    let recordBytes = recordSize(kind: kind) ?? 0
    let recordsAt = headerSize + padded(keyBytes.count)
    let total = recordsAt + series.count * recordBytes + checksumSize
    var bytes = [UInt8](repeating: 0, count: total)
    bytes.withUnsafeMutableBytes { raw in
      func put<T: FixedWidthInteger>(_ value: T, _ offset: Int) {
        raw.storeBytes(of: value.littleEndian, toByteOffset: offset, as: T.self)
      }
      raw.copyBytes(from: magic)
      put(version, 8)
      put(kind, 12)
      put(UInt32(series.instrument), 16)
      put(UInt32(keyBytes.count), 20)
      put(stamp.size, 24)
      put(stamp.modified, 32)
      UnsafeMutableRawBufferPointer(rebasing: raw[40..<72]).copyBytes(from: sourceDigest.prefix(32))
      put(series.count, 96)
      UnsafeMutableRawBufferPointer(rebasing: raw[headerSize..<(headerSize + keyBytes.count)])
        .copyBytes(from: keyBytes)
      var offset = recordsAt
      func next(_ value: Int64) {
        put(value, offset)
        offset += 8
      }
      switch series {
      case .bars(let bars):
        put(bars.pricePrecision, 13)
        put(bars.volumePrecision, 14)
        put(bars.duration, 72)
        put(Int64(bars.roundedVolumes), 80)
        for bar in bars.bars {
          next(bar.timestamp)
          next(bar.open.raw)
          next(bar.high.raw)
          next(bar.low.raw)
          next(bar.close.raw)
          next(bar.volume.raw)
        }
      case .quotes(let quotes):
        put(quotes.pricePrecision, 13)
        put(quotes.sizePrecision, 14)
        put(Int64(quotes.roundedSizes), 80)
        for quote in quotes.quotes {
          next(quote.timestamp)
          next(quote.bid.raw)
          next(quote.ask.raw)
          next(quote.bidSize.raw)
          next(quote.askSize.raw)
        }
      case .trades(let trades):
        put(trades.pricePrecision, 13)
        put(trades.sizePrecision, 14)
        put(Int64(trades.roundedSizes), 80)
        put(Int64(trades.skippedRows), 88)
        for trade in trades.trades {
          next(trade.timestamp)
          next(trade.price.raw)
          next(trade.size.raw)
          next(Int64(trade.aggressor.rawValue))
        }
      }
      let checksumAt = total - checksumSize
      let checksum = SHA256Digest.of(UnsafeRawBufferPointer(rebasing: raw[0..<checksumAt]))
      UnsafeMutableRawBufferPointer(rebasing: raw[checksumAt..<total]).copyBytes(from: checksum)
    }
    return bytes
  }
}
