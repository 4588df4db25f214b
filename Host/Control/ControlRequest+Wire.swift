extension ControlRequest {
  /// The request as the JSON object sent on the wire; `arguments` is left out when empty.
  var wireValue: JSONValue {
    var members: [String: JSONValue] = ["command": .string(command)]
    if !arguments.isEmpty {
      members["arguments"] = .object(arguments.mapValues { .string($0) })
    }
    return .object(members)
  }

  /// Reads one request line (without its newline) as the server does, strictly: valid UTF-8
  /// JSON, an object with a non-empty string `command`, optionally an object `arguments` whose
  /// values are all strings, and no other keys (a misspelt `argument` would otherwise be
  /// ignored in silence). The error is one sentence that names the problem.
  init(wireLine line: [UInt8]) throws(ProtocolViolation) {
    let blank: Set<UInt8> = [0x20, 0x09, 0x0D]
    guard line.contains(where: { !blank.contains($0) }) else {
      throw ProtocolViolation("the request is empty; send one JSON object on one line")
    }
    let value: JSONValue
    do {
      value = try JSONParser.parse(line)
    } catch {
      throw ProtocolViolation("the request is not valid JSON: \(error)")
    }
    guard case .object(let members) = value else {
      throw ProtocolViolation("the request must be a JSON object, found \(value.kindName)")
    }
    let unknown = members.keys.filter { $0 != "command" && $0 != "arguments" }.sorted()
    if let first = unknown.first {
      throw ProtocolViolation(
        "unknown key \"\(first)\" in the request; the keys are \"command\" and \"arguments\"")
    }
    guard let commandValue = members["command"] else {
      throw ProtocolViolation("the request has no \"command\"")
    }
    guard case .string(let command) = commandValue, !command.isEmpty else {
      throw ProtocolViolation(
        "\"command\" must be a non-empty string, found \(commandValue.kindName)")
    }
    var arguments: [String: String] = [:]
    switch members["arguments"] {
    case nil, .null?:
      break
    case .object(let values)?:
      for (name, argument) in values.sorted(by: { $0.key < $1.key }) {
        guard case .string(let text) = argument else {
          throw ProtocolViolation(
            "argument \"\(name)\" must be a string, found \(argument.kindName)")
        }
        arguments[name] = text
      }
    case let other?:
      throw ProtocolViolation("\"arguments\" must be an object of strings, found \(other.kindName)")
    }
    self.init(command: command, arguments: arguments)
  }
}
