import Testing
import TradingModel

/// `FixedPoint.fromDouble` is exact at every magnitude: a plugin's double stands for its shortest
/// round-trip decimal, which is accepted when it has no more decimals than the precision, and
/// refused otherwise, never rounded.
@Suite("FixedPoint.fromDouble is exact at every magnitude")
struct FixedPointDoubleTests {
  /// What Swift's `description` (the shortest round-trip decimal) says the conversion must give:
  /// the decimal's raw units at `precision`, `.tooPrecise` when it has more decimals, and
  /// `.outOfRange` when it does not fit. The test oracle: text, allocation, no shared code.
  static func expected(_ value: Double, precision: UInt8) -> Result<Int64, ConversionError> {
    var text = value.description
    var exponent = 0
    if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
      exponent = Int(text[text.index(after: e)...])!
      text = String(text[..<e])
    }
    let negative = text.hasPrefix("-")
    if negative { text.removeFirst() }
    var digits = text
    if let point = text.firstIndex(of: ".") {
      let decimals = text.distance(from: point, to: text.endIndex) - 1
      digits.remove(at: digits.index(digits.startIndex, offsetBy: text.distance(
        from: text.startIndex, to: point)))
      exponent -= decimals
    }
    while digits.count > 1, digits.hasSuffix("0") {
      digits.removeLast()
      exponent += 1
    }
    // value = digits × 10^exponent
    if -exponent > Int(precision) { return .failure(.tooPrecise(value: value, precision: precision)) }
    var raw = Int64(digits)!
    for _ in 0..<(exponent + Int(precision)) {
      let (next, overflow) = raw.multipliedReportingOverflow(by: 10)
      if overflow { return .failure(.outOfRange) }
      raw = next
    }
    return .success(negative ? -raw : raw)
  }

  @Test("the issue's cases: large values with too many decimals are refused, not rounded")
  func issueCases() {
    #expect(
      FixedPoint.fromDouble(12.3456789012, precision: 8)
        == .failure(.tooPrecise(value: 12.3456789012, precision: 8)))
    #expect(
      FixedPoint.fromDouble(10_000_000.004, precision: 2)
        == .failure(.tooPrecise(value: 10_000_000.004, precision: 2)))
    #expect(
      FixedPoint.fromDouble(1_234_567.123456789, precision: 8)
        == .failure(.tooPrecise(value: 1_234_567.123456789, precision: 8)))
    // A literal a double cannot hold stands for the double's own shortest decimal.
    #expect(123_456_789.123456789.description == "123456789.12345679")
    #expect(FixedPoint.fromDouble(123_456_789.123456789, precision: 8) == .success(12_345_678_912_345_679))
    #expect(
      FixedPoint.fromDouble(0.1 + 0.2, precision: 1)
        == .failure(.tooPrecise(value: 0.1 + 0.2, precision: 1)))
  }

  @Test("ordinary literals are accepted exactly")
  func ordinaryLiterals() {
    #expect(FixedPoint.fromDouble(0.1, precision: 8) == .success(10_000_000))
    #expect(FixedPoint.fromDouble(100.25, precision: 8) == .success(10_025_000_000))
    #expect(FixedPoint.fromDouble(1e-8, precision: 8) == .success(1))
    #expect(FixedPoint.fromDouble(-0.001, precision: 3) == .success(-1))
    #expect(FixedPoint.fromDouble(12.34567890, precision: 8) == .success(1_234_567_890))
    #expect(FixedPoint.fromDouble(10_000_000.01, precision: 2) == .success(1_000_000_001))
    #expect(FixedPoint.fromDouble(-0.0, precision: 4) == .success(0))
    #expect(FixedPoint.fromDouble(1703 / 100, precision: 2) == .success(1_703))
  }

  @Test("the edges of Int64: the shortest decimal decides, and what does not fit is out of range")
  func int64Edges() {
    // 2^63 prints as 9.223372036854776e+18, above Int64.max.
    #expect(FixedPoint.fromDouble(9.223372036854775807e18, precision: 0) == .failure(.outOfRange))
    // The double below it is exactly 9223372036854774784 and prints as 9.223372036854775e+18.
    #expect(
      FixedPoint.fromDouble(9.223372036854775e18, precision: 0) == .success(9_223_372_036_854_775_000))
    #expect(FixedPoint.fromDouble(92_233_720_368, precision: 8) == .success(9_223_372_036_800_000_000))
    #expect(FixedPoint.fromDouble(92_233_720_369, precision: 8) == .failure(.outOfRange))
    #expect(FixedPoint.fromDouble(-9.2e18, precision: 0) == .success(-9_200_000_000_000_000_000))
    #expect(FixedPoint.fromDouble(9.3e18, precision: 0) == .failure(.outOfRange))
    #expect(FixedPoint.fromDouble(1e300, precision: 0) == .failure(.outOfRange))
    #expect(FixedPoint.fromDouble(.greatestFiniteMagnitude, precision: 9) == .failure(.outOfRange))
    #expect(
      FixedPoint.fromDouble(.leastNonzeroMagnitude, precision: 18)
        == .failure(.tooPrecise(value: .leastNonzeroMagnitude, precision: 18)))
    #expect(
      FixedPoint.fromDouble(.leastNormalMagnitude, precision: 18)
        == .failure(.tooPrecise(value: .leastNormalMagnitude, precision: 18)))
    // Where a double spans several units (2^52 units and more), the shortest decimal is taken.
    #expect(FixedPoint.fromDouble(0x1p60, precision: 0) == .success(1_152_921_504_606_847_000))
    #expect(FixedPoint.fromDouble(200_000_000, precision: 8) == .success(20_000_000_000_000_000))
  }

  @Test("every precision 0...9, large and small magnitudes: the result is the shortest decimal's")
  func agreesWithShortestDecimal() {
    var random = SplitMix64(seed: 12)
    var checked = 0
    for precision: UInt8 in 0...9 {
      for _ in 0..<4_000 {
        // A decimal the plugin wrote: up to 17 significant digits and 0...12 decimals, at a
        // magnitude up to the edge of Int64 at this precision...
        let digits = Int64(bitPattern: random.next() % 100_000_000_000_000_000)
        let decimals = Int(random.next() % 13)
        let shorter = digits / FixedPoint.scale(UInt8(random.next() % 17))
        let literal = Double("\(shorter)e-\(decimals)")!
        // ...a double near a power of two (the uneven spacing at its boundary)...
        let power = Double(sign: .plus, exponent: Int(random.next() % 90) - 30, significand: 1)
        let nearPower = random.next() & 1 == 0 ? power.nextDown : power
        // ...and any double of a random magnitude.
        let bits = (random.next() & 0x000F_FFFF_FFFF_FFFF) | (UInt64(980 + random.next() % 110) << 52)
        let arbitrary = Double(bitPattern: bits)
        for value in [literal, -literal, nearPower, arbitrary] {
          let actual = FixedPoint.fromDouble(value, precision: precision)
          let wanted = Self.expected(value, precision: precision)
          #expect(actual == wanted, "\(value) at \(precision)")
          if actual != wanted { return }
          checked += 1
        }
      }
    }
    #expect(checked == 160_000)
  }

  @Test("every value with at most `precision` decimals round-trips, up to the Int64 edge")
  func exactDecimalsAccepted() {
    var random = SplitMix64(seed: 13)
    for precision: UInt8 in 0...9 {
      for _ in 0..<5_000 {
        // Raw units below 2^52: the double of `raw × 10^-p` reads back as that decimal and no
        // other at this precision.
        let raw = Int64(random.next() >> 12)
        let value = Double(raw) / Double(FixedPoint.scale(precision))
        #expect(FixedPoint.fromDouble(value, precision: precision) == .success(raw))
        // One more decimal than the precision, non-zero, where a double still tells the two
        // apart (below 2^48 units): refused.
        let small = raw >> 4
        let finer = (Double(small) * 10 + 3) / Double(FixedPoint.scale(precision + 1))
        if case .success(let rounded) = FixedPoint.fromDouble(finer, precision: precision) {
          Issue.record("\(finer) at \(precision) accepted as \(rounded)")
          return
        }
      }
    }
  }

}
