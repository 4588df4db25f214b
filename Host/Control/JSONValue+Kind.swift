extension JSONValue {
  /// What kind of value this is, for error messages: "a string", "an empty string", "null"...
  public var kindName: String {
    switch self {
    case .null: "null"
    case .bool(let value): value ? "true" : "false"
    case .number, .integer: "a number"
    case .string(let text): text.isEmpty ? "an empty string" : "a string"
    case .array: "an array"
    case .object: "an object"
    }
  }
}
