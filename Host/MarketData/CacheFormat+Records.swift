import TradingModel

extension CacheFormat {
  /// The fixed-size records of a checked entry, decoded into model values.
  struct Records {
    let bytes: UnsafeRawBufferPointer
    let start: Int
    let count: Int
    let size: Int
    let instrument: InstrumentID
    let pricePrecision: UInt8
    let sizePrecision: UInt8

    @inline(__always)
    private func field(_ record: Int, _ index: Int) -> Int64 {
      Int64(
        littleEndian: bytes.loadUnaligned(
          fromByteOffset: start + record * size + index * 8, as: Int64.self))
    }

    @inline(__always)
    private func price(_ raw: Int64) -> Price { Price(raw: raw, precision: pricePrecision) }

    @inline(__always)
    private func quantity(_ raw: Int64) -> Quantity { Quantity(raw: raw, precision: sizePrecision) }

    func bars() -> [Bar] {
      (0..<count).map { index in
        Bar(
          instrument: instrument, timestamp: field(index, 0), open: price(field(index, 1)),
          high: price(field(index, 2)), low: price(field(index, 3)), close: price(field(index, 4)),
          volume: quantity(field(index, 5)))
      }
    }

    func quotes() -> [Quote] {
      (0..<count).map { index in
        Quote(
          instrument: instrument, timestamp: field(index, 0), bid: price(field(index, 1)),
          ask: price(field(index, 2)), bidSize: quantity(field(index, 3)),
          askSize: quantity(field(index, 4)))
      }
    }

    /// `nil` when an aggressor byte is not a known case.
    func trades() -> [Trade]? {
      var trades: [Trade] = []
      trades.reserveCapacity(count)
      for index in 0..<count {
        let side = field(index, 3)
        guard (0...255).contains(side), let aggressor = Trade.Aggressor(rawValue: UInt8(side))
        else { return nil }
        trades.append(
          Trade(
            instrument: instrument, timestamp: field(index, 0), price: price(field(index, 1)),
            size: quantity(field(index, 2)), aggressor: aggressor))
      }
      return trades
    }
  }
}
