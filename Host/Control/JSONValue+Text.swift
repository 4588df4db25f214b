extension JSONValue {
  /// Parses JSON text (RFC 8259, strict): one value, optional surrounding white space, no
  /// trailing commas, no comments, no duplicate keys in an object, at most
  /// `JSONParser.maximumDepth` nested arrays and objects, valid UTF-8 in strings.
  ///
  /// The error names the problem and its column (the byte offset in the UTF-8 text, from 1).
  public init(jsonText: String) throws(JSONSyntaxError) {
    self = try JSONParser.parse(Array(jsonText.utf8))
  }

  /// Parses JSON from UTF-8 bytes, as `init(jsonText:)` does; invalid UTF-8 is an error.
  public init(jsonBytes: [UInt8]) throws(JSONSyntaxError) {
    self = try JSONParser.parse(jsonBytes)
  }

  /// The value as compact JSON text on one line: object keys sorted, no white space, `/` and
  /// non-ASCII characters unescaped, control characters escaped, non-finite numbers as `null`.
  /// The same value always gives the same text.
  public var jsonText: String {
    var bytes: [UInt8] = []
    write(to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Appends the value's `jsonText` as UTF-8.
  func write(to bytes: inout [UInt8]) {
    switch self {
    case .null:
      bytes.append(contentsOf: "null".utf8)
    case .bool(let value):
      bytes.append(contentsOf: (value ? "true" : "false").utf8)
    case .number(let value):
      // Swift's shortest round-trip form ("0.1", "1e-07", "3.0") is valid JSON when finite.
      bytes.append(contentsOf: (value.isFinite ? value.description : "null").utf8)
    case .integer(let value):
      bytes.append(contentsOf: value.description.utf8)
    case .string(let value):
      Self.writeString(value, to: &bytes)
    case .array(let elements):
      bytes.append(UInt8(ascii: "["))
      for (index, element) in elements.enumerated() {
        if index > 0 { bytes.append(UInt8(ascii: ",")) }
        element.write(to: &bytes)
      }
      bytes.append(UInt8(ascii: "]"))
    case .object(let members):
      bytes.append(UInt8(ascii: "{"))
      for (index, key) in members.keys.sorted().enumerated() {
        if index > 0 { bytes.append(UInt8(ascii: ",")) }
        Self.writeString(key, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        members[key]!.write(to: &bytes)
      }
      bytes.append(UInt8(ascii: "}"))
    }
  }

  private static func writeString(_ text: String, to bytes: inout [UInt8]) {
    let hexDigits = Array("0123456789abcdef".utf8)
    bytes.append(UInt8(ascii: "\""))
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "\""): bytes.append(contentsOf: #"\""#.utf8)
      case UInt8(ascii: "\\"): bytes.append(contentsOf: #"\\"#.utf8)
      case UInt8(ascii: "\n"): bytes.append(contentsOf: #"\n"#.utf8)
      case UInt8(ascii: "\r"): bytes.append(contentsOf: #"\r"#.utf8)
      case UInt8(ascii: "\t"): bytes.append(contentsOf: #"\t"#.utf8)
      case 0..<0x20:
        bytes.append(contentsOf: #"\u00"#.utf8)
        bytes.append(hexDigits[Int(byte >> 4)])
        bytes.append(hexDigits[Int(byte & 0x0F)])
      default: bytes.append(byte)
      }
    }
    bytes.append(UInt8(ascii: "\""))
  }
}
