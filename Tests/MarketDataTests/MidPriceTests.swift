import HostTestKit
import Testing
import TradingModel

@testable import MarketData

@Suite("Mid price")
struct MidPriceTests {
  func mid(_ bid: Int64, _ ask: Int64) -> Int64 {
    BidAskBarReading.midPrice(Price(raw: bid, precision: 5), Price(raw: ask, precision: 5)).raw
  }

  func reference(_ bid: Int64, _ ask: Int64) -> Int64 {
    Int64(FixedPoint.divideRoundingHalfEven(Int128(bid) + Int128(ask), by: 2))
  }

  @Test func halvesRoundToEven() {
    #expect(mid(100_001, 100_002) == 100_002)  // 100001.5 -> even
    #expect(mid(100_002, 100_003) == 100_002)  // 100002.5 -> even
    #expect(mid(100_002, 100_004) == 100_003)
    #expect(mid(-1, -2) == -2)  // -1.5 -> even
    #expect(mid(0, -1) == 0)  // -0.5 -> even
    #expect(mid(Int64.max, Int64.max) == Int64.max)
    #expect(mid(Int64.max, Int64.max - 1) == Int64.max - 1)  // .5 above an even number
    #expect(mid(Int64.min, Int64.min + 1) == Int64.min)
  }

  @Test func agreesWithTheModelsRoundingEverywhere() {
    var generator = SeededGenerator(seed: 0x5A1D)
    for _ in 0..<50_000 {
      let scale = Int64(1) << Int64.random(in: 1...63, using: &generator)
      let bid = Int64.random(in: Int64.min...Int64.max, using: &generator) % scale
      let ask = Int64.random(in: Int64.min...Int64.max, using: &generator) % scale
      #expect(mid(bid, ask) == reference(bid, ask), "\(bid) \(ask)")
    }
  }
}
