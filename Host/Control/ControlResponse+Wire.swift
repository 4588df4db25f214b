extension ControlResponse {
  /// The response as the JSON object sent on the wire.
  var wireValue: JSONValue {
    if ok {
      return .object(["ok": .bool(true), "result": result])
    }
    return .object(["ok": .bool(false), "error": .string(error ?? "")])
  }

  /// The response as one line of JSON with its newline, as the server writes it.
  var wireLine: [UInt8] {
    var bytes: [UInt8] = []
    wireValue.write(to: &bytes)
    bytes.append(UInt8(ascii: "\n"))
    return bytes
  }

  /// Reads a response as the client does: an object with a boolean `ok`; `result` (any value,
  /// `.null` when absent) on success, a string `error` on failure. Other keys are ignored, so a
  /// newer host may add fields without breaking older clients.
  init(wireLine line: [UInt8]) throws(ProtocolViolation) {
    let value: JSONValue
    do {
      value = try JSONParser.parse(line)
    } catch {
      throw ProtocolViolation("it is not valid JSON: \(error)")
    }
    guard case .object(let members) = value else {
      throw ProtocolViolation("it must be a JSON object, found \(value.kindName)")
    }
    switch members["ok"] {
    case .bool(true)?:
      self = .success(members["result"] ?? .null)
    case .bool(false)?:
      guard case .string(let message)? = members["error"] else {
        throw ProtocolViolation("a failed response must have a string \"error\"")
      }
      self = .failure(message)
    case nil:
      throw ProtocolViolation("it has no \"ok\"")
    case let other?:
      throw ProtocolViolation("\"ok\" must be true or false, found \(other.kindName)")
    }
  }
}
