/// `Codable`, so a `JSONValue` can sit inside other `Codable` types.
///
/// Encoding writes object members in sorted key order; an encoder that keeps the order of
/// `encode` calls therefore writes sorted keys. Foundation's `JSONEncoder` does not keep that
/// order: give it `.sortedKeys` for deterministic text, or use `jsonText`, which is always sorted.
/// Decoding asks the decoder for a `Bool`, an `Int64`, a `Double`, a `String`, an array and an
/// object in that order, so whether `1.0` becomes `.integer` or `.number` is the decoder's choice
/// (Foundation's gives `.integer(1)`); `init(jsonText:)` follows the literal instead.
extension JSONValue: Codable {
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .null
    } else if let value = try? container.decode(Bool.self) {
      self = .bool(value)
    } else if let value = try? container.decode(Int64.self) {
      self = .integer(value)
    } else if let value = try? container.decode(Double.self) {
      self = .number(value)
    } else if let value = try? container.decode(String.self) {
      self = .string(value)
    } else if let value = try? container.decode([JSONValue].self) {
      self = .array(value)
    } else if let value = try? container.decode([String: JSONValue].self) {
      self = .object(value)
    } else {
      throw DecodingError.dataCorruptedError(
        in: container, debugDescription: "expected a JSON value")
    }
  }

  public func encode(to encoder: any Encoder) throws {
    switch self {
    case .null:
      var container = encoder.singleValueContainer()
      try container.encodeNil()
    case .bool(let value):
      var container = encoder.singleValueContainer()
      try container.encode(value)
    case .number(let value):
      var container = encoder.singleValueContainer()
      if value.isFinite { try container.encode(value) } else { try container.encodeNil() }
    case .integer(let value):
      var container = encoder.singleValueContainer()
      try container.encode(value)
    case .string(let value):
      var container = encoder.singleValueContainer()
      try container.encode(value)
    case .array(let elements):
      var container = encoder.unkeyedContainer()
      for element in elements { try container.encode(element) }
    case .object(let members):
      var container = encoder.container(keyedBy: MemberKey.self)
      for key in members.keys.sorted() {
        try container.encode(members[key]!, forKey: MemberKey(key))
      }
    }
  }
}

/// A coding key for an object member: any string.
private struct MemberKey: CodingKey {
  let stringValue: String
  var intValue: Int? { nil }

  init(_ name: String) { stringValue = name }
  init?(stringValue: String) { self.stringValue = stringValue }
  init?(intValue: Int) { nil }
}
