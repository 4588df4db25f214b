/// A strict RFC 8259 parser over UTF-8 bytes, used for control requests and responses.
///
/// Strict on purpose: a request from a script with a trailing comma or a duplicate key gets a
/// clear refusal instead of a silently different meaning. Recursion is bounded by
/// `maximumDepth`, so hostile input cannot overflow the server thread's stack.
struct JSONParser {
  /// The deepest nesting of arrays and objects accepted.
  static let maximumDepth = 64

  private let bytes: [UInt8]
  private var index = 0

  private init(_ bytes: [UInt8]) {
    self.bytes = bytes
  }

  /// Parses exactly one JSON value with optional white space around it.
  static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONValue {
    var parser = JSONParser(bytes)
    parser.skipWhiteSpace()
    let value = try parser.parseValue(depth: 0)
    parser.skipWhiteSpace()
    guard parser.index == bytes.count else {
      throw parser.failure("expected the end of the text after the value")
    }
    return value
  }

  // MARK: Values

  private mutating func parseValue(depth: Int) throws(JSONSyntaxError) -> JSONValue {
    guard let byte = peek() else { throw failure("expected a JSON value") }
    switch byte {
    case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
    case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
    case UInt8(ascii: "\""): return .string(try parseString())
    case UInt8(ascii: "t"): return try parseLiteral("true", .bool(true))
    case UInt8(ascii: "f"): return try parseLiteral("false", .bool(false))
    case UInt8(ascii: "n"): return try parseLiteral("null", .null)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
    default: throw failure("expected a JSON value")
    }
  }

  private mutating func parseObject(depth: Int) throws(JSONSyntaxError) -> JSONValue {
    guard depth <= Self.maximumDepth else {
      throw failure("arrays and objects are nested more than \(Self.maximumDepth) deep")
    }
    index += 1  // {
    var members: [String: JSONValue] = [:]
    skipWhiteSpace()
    if peek() == UInt8(ascii: "}") {
      index += 1
      return .object(members)
    }
    while true {
      guard peek() == UInt8(ascii: "\"") else { throw failure("expected a string key") }
      let keyStart = index
      let key = try parseString()
      guard members[key] == nil else {
        throw JSONSyntaxError(column: keyStart + 1, problem: "duplicate key \"\(key)\"")
      }
      skipWhiteSpace()
      try expect(UInt8(ascii: ":"), "expected ':' after an object key")
      skipWhiteSpace()
      members[key] = try parseValue(depth: depth)
      skipWhiteSpace()
      switch peek() {
      case UInt8(ascii: ","):
        index += 1
        skipWhiteSpace()
      case UInt8(ascii: "}"):
        index += 1
        return .object(members)
      default:
        throw failure("expected ',' or '}' after an object member")
      }
    }
  }

  private mutating func parseArray(depth: Int) throws(JSONSyntaxError) -> JSONValue {
    guard depth <= Self.maximumDepth else {
      throw failure("arrays and objects are nested more than \(Self.maximumDepth) deep")
    }
    index += 1  // [
    var elements: [JSONValue] = []
    skipWhiteSpace()
    if peek() == UInt8(ascii: "]") {
      index += 1
      return .array(elements)
    }
    while true {
      elements.append(try parseValue(depth: depth))
      skipWhiteSpace()
      switch peek() {
      case UInt8(ascii: ","):
        index += 1
        skipWhiteSpace()
      case UInt8(ascii: "]"):
        index += 1
        return .array(elements)
      default:
        throw failure("expected ',' or ']' after an array element")
      }
    }
  }

  private mutating func parseLiteral(
    _ word: StaticString, _ value: JSONValue
  ) throws(JSONSyntaxError) -> JSONValue {
    let expected = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
    guard bytes.count - index >= expected.count,
      bytes[index..<index + expected.count].elementsEqual(expected)
    else { throw failure("expected a JSON value") }
    index += expected.count
    return value
  }

  // MARK: Numbers

  private mutating func parseNumber() throws(JSONSyntaxError) -> JSONValue {
    let start = index
    var isInteger = true
    if peek() == UInt8(ascii: "-") { index += 1 }
    if peek() == UInt8(ascii: "0") {
      index += 1
    } else {
      guard skipDigits() > 0 else { throw failure("expected a digit") }
    }
    if peek() == UInt8(ascii: ".") {
      isInteger = false
      index += 1
      guard skipDigits() > 0 else { throw failure("expected a digit after the decimal point") }
    }
    if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
      isInteger = false
      index += 1
      if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { index += 1 }
      guard skipDigits() > 0 else { throw failure("expected a digit in the exponent") }
    }
    let text = String(decoding: bytes[start..<index], as: UTF8.self)
    if isInteger, let value = Int64(text) { return .integer(value) }
    guard let value = Double(text), value.isFinite else {
      throw JSONSyntaxError(column: start + 1, problem: "the number \(text) is out of range")
    }
    return .number(value)
  }

  private mutating func skipDigits() -> Int {
    let start = index
    while let byte = peek(), (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { index += 1 }
    return index - start
  }

  // MARK: Strings

  private mutating func parseString() throws(JSONSyntaxError) -> String {
    let start = index
    index += 1  // "
    var utf8: [UInt8] = []
    while true {
      guard let byte = peek() else { throw failure("unterminated string") }
      switch byte {
      case UInt8(ascii: "\""):
        index += 1
        guard let text = String(validating: utf8, as: UTF8.self) else {
          throw JSONSyntaxError(column: start + 1, problem: "the string is not valid UTF-8")
        }
        return text
      case UInt8(ascii: "\\"):
        index += 1
        try parseEscape(into: &utf8)
      case 0..<0x20:
        throw failure("control character in a string (escape it)")
      default:
        utf8.append(byte)
        index += 1
      }
    }
  }

  private mutating func parseEscape(into utf8: inout [UInt8]) throws(JSONSyntaxError) {
    guard let byte = peek() else { throw failure("unterminated string") }
    let simple: UInt8? =
      switch byte {
      case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): byte
      case UInt8(ascii: "b"): 0x08
      case UInt8(ascii: "f"): 0x0C
      case UInt8(ascii: "n"): 0x0A
      case UInt8(ascii: "r"): 0x0D
      case UInt8(ascii: "t"): 0x09
      default: nil
      }
    if let simple {
      utf8.append(simple)
      index += 1
      return
    }
    guard byte == UInt8(ascii: "u") else { throw failure("invalid escape sequence") }
    let escapeStart = index - 1
    index += 1
    var scalar = try parseHex4()
    if (0xD800..<0xDC00).contains(scalar) {
      guard peek() == UInt8(ascii: "\\") else {
        throw JSONSyntaxError(column: escapeStart + 1, problem: "unpaired UTF-16 surrogate")
      }
      index += 1
      guard peek() == UInt8(ascii: "u") else {
        throw JSONSyntaxError(column: escapeStart + 1, problem: "unpaired UTF-16 surrogate")
      }
      index += 1
      let low = try parseHex4()
      guard (0xDC00..<0xE000).contains(low) else {
        throw JSONSyntaxError(column: escapeStart + 1, problem: "unpaired UTF-16 surrogate")
      }
      scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
    }
    guard let unicode = Unicode.Scalar(scalar) else {
      throw JSONSyntaxError(column: escapeStart + 1, problem: "unpaired UTF-16 surrogate")
    }
    utf8.append(contentsOf: UTF8.encode(unicode)!)
  }

  private mutating func parseHex4() throws(JSONSyntaxError) -> UInt32 {
    var value: UInt32 = 0
    for _ in 0..<4 {
      guard let byte = peek(), let digit = Self.hexValue(byte) else {
        throw failure("expected four hexadecimal digits after \\u")
      }
      value = value << 4 | digit
      index += 1
    }
    return value
  }

  private static func hexValue(_ byte: UInt8) -> UInt32? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
    case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
    case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
    default: nil
    }
  }

  // MARK: Helpers

  private func peek() -> UInt8? {
    index < bytes.count ? bytes[index] : nil
  }

  private mutating func skipWhiteSpace() {
    while let byte = peek(),
      byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    {
      index += 1
    }
  }

  private mutating func expect(_ byte: UInt8, _ problem: String) throws(JSONSyntaxError) {
    guard peek() == byte else { throw failure(problem) }
    index += 1
  }

  /// A syntax error at the current position, naming what was found there.
  private func failure(_ problem: String) -> JSONSyntaxError {
    let found: String
    if let byte = peek() {
      found =
        (0x21..<0x7F).contains(byte)
        ? "found '\(Character(Unicode.Scalar(byte)))'"
        : "found byte 0x\(byte < 0x10 ? "0" : "")\(String(byte, radix: 16, uppercase: true))"
    } else {
      found = "found the end of the text"
    }
    return JSONSyntaxError(column: index + 1, problem: "\(problem), \(found)")
  }
}
