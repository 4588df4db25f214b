import HostTestKit
import Testing
import TradingModel

@testable import MarketData

@Suite("Decimal fields")
struct DecimalScanTests {
  func scan(_ text: String) -> DecimalScan.Outcome {
    Array(text.utf8).withUnsafeBufferPointer { DecimalScan.scan($0) }
  }

  func value(_ text: String) -> (Int64, UInt8, Int64)? {
    if case .value(let value) = scan(text) {
      return (value.mantissa, value.decimals, value.integerPart)
    }
    return nil
  }

  @Test func readsExactlyAndDropsTrailingZeros() {
    #expect(value("167.41")! == (16_741, 2, 167))
    #expect(value("1.2500")! == (125, 2, 1))
    #expect(value("-12.340")! == (-1234, 2, 12))
    #expect(value("7")! == (7, 0, 7))
    #expect(value("7.")! == (7, 0, 7))
    #expect(value(".5")! == (5, 1, 0))
    #expect(value("+0.000")! == (0, 0, 0))
    #expect(value("0.0001")! == (1, 4, 0))
    #expect(value("218102.59507500002")! == (21_810_259_507_500_002, 11, 218_102))
    #expect(value("9223372036854775807")! == (Int64.max, 0, Int64.max))
  }

  @Test func refusesWhatIsNotAPlainDecimal() {
    for text in ["", ".", "-", "+", "1e-3", "1,5", " 1", "1 ", "1..2", "1.2.3", "--1", "0x10", "١"]
    {
      guard case .malformed = scan(text) else {
        Issue.record("\(text) should be malformed")
        continue
      }
    }
    for text in ["9223372036854775808", "0.0000000000000000001", "12345678901234567890.5"] {
      guard case .overflow = scan(text) else {
        Issue.record("\(text) should overflow")
        continue
      }
    }
  }

  /// The scanner accepts exactly the language of `FixedPoint.parse` and reads the same value.
  @Test func agreesWithFixedPointParse() {
    var generator = SeededGenerator(seed: 0x5EED_DEC1)
    let alphabet = Array("0123456789.-+x0".utf8)
    for _ in 0..<20_000 {
      let length = Int.random(in: 0...14, using: &generator)
      let bytes = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }
      let text = String(decoding: bytes, as: UTF8.self)
      let reference = FixedPoint.parse(bytes, precision: 12)
      switch scan(text) {
      case .value(let value):
        if value.decimals <= 12,
          case let (raw, false) = value.mantissa.multipliedReportingOverflow(
            by: FixedPoint.scale(12 - value.decimals))
        {
          #expect(reference == raw, "\(text)")
        }
        #expect(FixedPoint.significantDecimals(bytes) == value.decimals, "\(text)")
      case .malformed:
        #expect(reference == nil, "\(text)")
        #expect(FixedPoint.parse(bytes, precision: 0) == nil, "\(text)")
      case .overflow:
        break
      }
    }
  }
}
