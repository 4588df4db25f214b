/// `Codable` with the wire's shape: `ok`, then `result` on success or `error` on failure.
extension ControlResponse: Codable {
  private enum CodingKeys: String, CodingKey {
    case ok
    case result
    case error
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    if try container.decode(Bool.self, forKey: .ok) {
      self = .success(try container.decodeIfPresent(JSONValue.self, forKey: .result) ?? .null)
    } else {
      self = .failure(try container.decode(String.self, forKey: .error))
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(ok, forKey: .ok)
    if ok {
      try container.encode(result, forKey: .result)
    } else {
      try container.encode(error ?? "", forKey: .error)
    }
  }
}
