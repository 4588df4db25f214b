/// Small helpers for looking at the first rows of a file while detecting its layout. Pure;
/// allocates freely (it only ever sees two lines).
enum LayoutSniffer {
  /// A line of the file: its 1-based number and its bytes without the line break.
  struct Line {
    var number: Int
    var bytes: [UInt8]
  }

  /// The offset of the first byte after a UTF-8 byte-order mark, if there is one.
  static func contentStart(_ buffer: UnsafeBufferPointer<UInt8>) -> Int {
    buffer.count >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF ? 3 : 0
  }

  /// The first `count` non-blank lines (LF or CRLF breaks).
  static func firstLines(_ buffer: UnsafeBufferPointer<UInt8>, count: Int) -> [Line] {
    var lines: [Line] = []
    var number = 0
    var start = contentStart(buffer)
    while start < buffer.count && lines.count < count {
      number += 1
      var end = start
      while end < buffer.count && buffer[end] != UInt8(ascii: "\n") { end += 1 }
      var contentEnd = end
      if contentEnd > start && buffer[contentEnd - 1] == UInt8(ascii: "\r") { contentEnd -= 1 }
      if contentEnd > start {
        lines.append(Line(number: number, bytes: Array(buffer[start..<contentEnd])))
      }
      start = end + 1
    }
    return lines
  }

  /// The most frequent of `,` `;` tab `|` in `line` (`,` when none occurs).
  static func delimiter(of line: [UInt8]) -> UInt8 {
    let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), 9, UInt8(ascii: "|")]
    var best = candidates[0]
    var bestCount = 0
    for candidate in candidates {
      let count = line.reduce(0) { $0 + ($1 == candidate ? 1 : 0) }
      if count > bestCount {
        best = candidate
        bestCount = count
      }
    }
    return best
  }

  /// The fields of `line`.
  static func fields(_ line: [UInt8], delimiter: UInt8) -> [[UInt8]] {
    line.split(separator: delimiter, omittingEmptySubsequences: false).map(Array.init)
  }

  /// The timestamp form a field appears to be written in, judged by its shape: all digits
  /// (10, 13, 16 or 19 of them: epoch s, ms, us, ns), `YYYY-MM-DD...`, or `YYYYMMDD HHMMSS...`.
  static func timestampFormat(of field: [UInt8]) -> TimestampFormat? {
    func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") <= 9 }
    let unsigned = field.first == UInt8(ascii: "-") ? Array(field.dropFirst()) : field
    if !unsigned.isEmpty && unsigned.allSatisfy(isDigit) {
      switch unsigned.count {
      case 10: return .epochSeconds
      case 13: return .epochMilliseconds
      case 16: return .epochMicroseconds
      case 19: return .epochNanoseconds
      default: return nil
      }
    }
    if field.count >= 10 && field[0..<4].allSatisfy(isDigit) && field[4] == UInt8(ascii: "-")
      && field[7] == UInt8(ascii: "-")
    {
      return .iso8601
    }
    if (field.count == 15 || field.count == 18) && field[0..<8].allSatisfy(isDigit)
      && field[8] == UInt8(ascii: " ")
    {
      return .histData
    }
    return nil
  }

  /// Whether `field` is a time of day, `HH:MM[:SS[.f]]`.
  static func isTimeOfDay(_ field: [UInt8]) -> Bool {
    field.withUnsafeBufferPointer { buffer in
      if case .success = TimestampParser.timeColumn(buffer) { return true }
      return false
    }
  }

  /// Whether `field` is a plain decimal number.
  static func isNumber(_ field: [UInt8]) -> Bool {
    field.withUnsafeBufferPointer { buffer in
      if case .value = DecimalScan.scan(buffer) { return true }
      return false
    }
  }

  /// `field` as text for a message: at most 40 characters, control and non-ASCII bytes as
  /// `\xNN`.
  static func quoted<Bytes: Collection<UInt8>>(_ field: Bytes) -> String {
    var text = "\""
    for (index, byte) in field.enumerated() {
      if index == 40 {
        text += "..."
        break
      }
      if byte >= 0x20 && byte < 0x7F && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") {
        text.unicodeScalars.append(UnicodeScalar(byte))
      } else {
        let hex = String(byte, radix: 16, uppercase: true)
        text += "\\x" + (hex.count == 1 ? "0" : "") + hex
      }
    }
    return text + "\""
  }
}
