/// A minimal JSON writer for reports: keys in the order given (the report sorts them), numbers
/// in a fixed text form, so the same values always give the same bytes.
public struct JSONText {
  public private(set) var text = ""
  private var needsComma: [Bool] = [false]

  public init() {}

  public mutating func beginObject(_ key: String? = nil) {
    prefix(key)
    text += "{"
    needsComma.append(false)
  }

  public mutating func endObject() {
    needsComma.removeLast()
    text += "}"
  }

  public mutating func beginArray(_ key: String? = nil) {
    prefix(key)
    text += "["
    needsComma.append(false)
  }

  public mutating func endArray() {
    needsComma.removeLast()
    text += "]"
  }

  /// A number already in exact decimal text (`999907.25`).
  public mutating func decimal(_ key: String?, _ decimalText: String) {
    prefix(key)
    text += decimalText
  }

  /// A value already in JSON form (an object written by another `JSONText`).
  public mutating func raw(_ key: String?, _ json: String) {
    prefix(key)
    text += json
  }

  public mutating func int(_ key: String?, _ value: Int) {
    prefix(key)
    text += String(value)
  }

  /// A double in Swift's shortest round-trip form; `null` when nil or not finite.
  public mutating func double(_ key: String?, _ value: Double?) {
    prefix(key)
    guard let value, value.isFinite else {
      text += "null"
      return
    }
    text += value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
  }

  public mutating func string(_ key: String?, _ value: String) {
    prefix(key)
    Self.quote(value, into: &text)
  }

  public mutating func bool(_ key: String?, _ value: Bool) {
    prefix(key)
    text += value ? "true" : "false"
  }

  private mutating func prefix(_ key: String?) {
    if needsComma[needsComma.count - 1] { text += "," }
    needsComma[needsComma.count - 1] = true
    if let key {
      Self.quote(key, into: &text)
      text += ":"
    }
  }

  public static func quote(_ value: String, into text: inout String) {
    text += "\""
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\"": text += "\\\""
      case "\\": text += "\\\\"
      case "\n": text += "\\n"
      case "\r": text += "\\r"
      case "\t": text += "\\t"
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16)
        text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: text.unicodeScalars.append(scalar)
      }
    }
    text += "\""
  }
}
