/// One command sent to the host over the control socket, e.g. `status` or `pause`.
///
/// On the wire: one line of JSON, `{"command": "pause", "arguments": {"reason": "news"}}`;
/// `arguments` may be left out and every argument value is a string. The server reads requests
/// strictly (see `init(wire:)`). A pure value: any thread may create and read it.
public struct ControlRequest: Sendable, Codable, Equatable {
  /// The command's name, e.g. `status`; matched exactly against the registered handlers.
  public var command: String
  /// The command's arguments by name; empty when the request has none.
  public var arguments: [String: String]

  /// A request for `command` with `arguments` (none by default).
  public init(command: String, arguments: [String: String] = [:]) {
    self.command = command
    self.arguments = arguments
  }

  private enum CodingKeys: String, CodingKey {
    case command
    case arguments
  }

  /// Decodes `command` and, when present, `arguments`.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    command = try container.decode(String.self, forKey: .command)
    arguments = try container.decodeIfPresent([String: String].self, forKey: .arguments) ?? [:]
  }
}
