import Testing
import TradingModel

@Suite("FixedPoint")
struct FixedPointTests {
  private func parse(_ text: String, _ precision: UInt8) -> Int64? {
    FixedPoint.parse(Array(text.utf8), precision: precision)
  }

  @Test("parse reads plain decimals exactly, with sign, padding and trailing zeros")
  func parseValid() {
    #expect(parse("12.340", 3) == 12_340)
    #expect(parse("12.34", 4) == 123_400)
    #expect(parse("-12.34", 2) == -1_234)
    #expect(parse("+7", 0) == 7)
    #expect(parse(".5", 1) == 5)
    #expect(parse("1.2300", 2) == 123)
    #expect(parse("0", 12) == 0)
    #expect(parse("9223372036854775807", 0) == .max)
  }

  @Test("parse refuses empty, stray characters, exponents, overflow and hidden precision")
  func parseInvalid() {
    for text in ["", "-", ".", "1.2.3", "1e-3", "12a", " 1", "1,5", "--1"] {
      #expect(parse(text, 2) == nil, "\(text)")
    }
    #expect(parse("1.234", 2) == nil)  // would round
    #expect(parse("9223372036854775808", 0) == nil)
    #expect(parse("92233720368547758.07", 2) == .max)
    #expect(parse("92233720368547758.07", 3) == nil)  // fits at 2, overflows at 3
  }

  @Test("significant decimals ignore trailing zeros")
  func significantDecimals() {
    #expect(FixedPoint.significantDecimals(Array("1.2500".utf8)) == 2)
    #expect(FixedPoint.significantDecimals(Array("-3".utf8)) == 0)
    #expect(FixedPoint.significantDecimals(Array("0.000001".utf8)) == 6)
    #expect(FixedPoint.significantDecimals(Array("1-2".utf8)) == nil)
  }

  @Test("format writes every decimal, signs small negatives")
  func format() {
    #expect(FixedPoint.format(12_345, precision: 2) == "123.45")
    #expect(FixedPoint.format(-5, precision: 2) == "-0.05")
    #expect(FixedPoint.format(7, precision: 0) == "7")
    #expect(FixedPoint.format(1, precision: 12) == "0.000000000001")
    #expect(FixedPoint.format(.min, precision: 0) == "-9223372036854775808")
  }

  @Test("half-even division rounds ties to the even neighbour, both signs")
  func halfEven() {
    let cases: [(Int128, Int128, Int128)] = [
      (5, 2, 2), (7, 2, 4), (-5, 2, -2), (-7, 2, -4), (6, 4, 2), (10, 4, 2), (11, 4, 3),
      (9, 4, 2), (-9, 4, -2), (-11, 4, -3), (12, 4, 3), (0, 7, 0),
    ]
    for (numerator, denominator, expected) in cases {
      #expect(
        FixedPoint.divideRoundingHalfEven(numerator, by: denominator) == expected,
        "\(numerator)/\(denominator)")
    }
  }

  @Test("rescale is exact upward, half-even downward, nil on overflow")
  func rescale() {
    #expect(FixedPoint.rescale(12_345, from: 2, to: 4) == 1_234_500)
    #expect(FixedPoint.rescale(125, from: 2, to: 1) == 12)
    #expect(FixedPoint.rescale(135, from: 2, to: 1) == 14)
    #expect(FixedPoint.rescale(-125, from: 2, to: 1) == -12)
    #expect(FixedPoint.rescale(-135, from: 2, to: 1) == -14)
    #expect(FixedPoint.rescale(126, from: 2, to: 1) == 13)
    #expect(FixedPoint.rescale(7, from: 3, to: 3) == 7)
    #expect(FixedPoint.rescale(.max, from: 0, to: 1) == nil)
  }

  @Test("fromDouble converts exact decimals")
  func fromDoubleValid() throws {
    #expect(try FixedPoint.fromDouble(167.41, precision: 2).get() == 16_741)
    #expect(try FixedPoint.fromDouble(-0.001, precision: 3).get() == -1)
    #expect(try FixedPoint.fromDouble(4500.25, precision: 2).get() == 450_025)
  }

  @Test("fromDouble refuses NaN, infinities, out-of-range and too-precise values")
  func fromDoubleInvalid() {
    #expect(FixedPoint.fromDouble(.nan, precision: 2) == .failure(.notANumber))
    #expect(FixedPoint.fromDouble(.infinity, precision: 2) == .failure(.infinite))
    #expect(FixedPoint.fromDouble(-.infinity, precision: 2) == .failure(.infinite))
    #expect(FixedPoint.fromDouble(1e20, precision: 2) == .failure(.outOfRange))
    #expect(FixedPoint.fromDouble(-1e17, precision: 2) == .failure(.outOfRange))
    #expect(
      FixedPoint.fromDouble(167.415, precision: 2)
        == .failure(.tooPrecise(value: 167.415, precision: 2)))
    #expect(
      FixedPoint.fromDouble(0.0001, precision: 3)
        == .failure(.tooPrecise(value: 0.0001, precision: 3)))
  }
}

@Suite("FixedPoint outside its precision range")
struct FixedPointRangeTests {
  @Test("a precision beyond 18 decimals is refused, never a trap")
  func beyondRange() {
    #expect(FixedPoint.parse(Array("1.5".utf8), precision: 19) == nil)
    #expect(FixedPoint.fromDouble(1.5, precision: 40) == .failure(.outOfRange))
    #expect(FixedPoint.format(15, precision: 19).hasPrefix("1.5e-18"))
  }
}

@Suite("UTC days")
struct UTCDayTests {
  @Test("day numbers floor, before and after the epoch")
  func days() {
    #expect(UTCDay.of(0) == 0)
    #expect(UTCDay.of(UTCDay.nanoseconds - 1) == 0)
    #expect(UTCDay.of(UTCDay.nanoseconds) == 1)
    #expect(UTCDay.of(-1) == -1)
    #expect(UTCDay.of(-UTCDay.nanoseconds) == -1)
    #expect(UTCDay.of(1_381_132_800_000_000_000) == 15_985)  // 2013-10-07
  }
}
