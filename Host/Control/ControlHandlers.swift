/// The commands a `ControlServer` answers: a handler for each command name.
///
/// Build it before starting the server (it is a value; the server keeps its own copy):
///
///     var handlers = ControlHandlers()
///     handlers.register("status") { _ in .success(["state": "running"]) }
///
/// or with a literal: `let handlers: ControlHandlers = ["status": { _ in .success() }]`.
///
/// - Important: Handler contract. The server calls a handler on its own server thread, one
///   request at a time, never concurrently with another handler of the same server. While it
///   runs, no other client of that server is served, so a handler must return quickly (read or
///   post a flag, copy a snapshot; well under a second) and must never wait for the kernel's
///   event loop to finish a bar, sleep, do network I/O, or call `ControlClient` on its own
///   server (that waits for itself until the client's timeout). A refusal is a returned
///   `.failure("...")`, never a crash. A handler may call `stop()` on its own server: the
///   response is still written, then the server shuts down.
public struct ControlHandlers: Sendable, ExpressibleByDictionaryLiteral {
  /// Answers one request; see the handler contract above.
  public typealias Handler = @Sendable (ControlRequest) -> ControlResponse

  private var table: [String: Handler]

  /// No commands: every request is answered "unknown command".
  public init() {
    table = [:]
  }

  /// The given handlers, by command name.
  public init(_ handlers: [String: Handler]) {
    table = handlers
  }

  /// A later duplicate name replaces an earlier one.
  public init(dictionaryLiteral elements: (String, Handler)...) {
    table = Dictionary(elements, uniquingKeysWith: { _, last in last })
  }

  /// Registers `handler` for `command`, replacing any earlier handler for that name.
  public mutating func register(_ command: String, _ handler: @escaping Handler) {
    table[command] = handler
  }

  /// The registered command names, sorted.
  public var commands: [String] {
    table.keys.sorted()
  }

  /// Runs the handler for `request.command`, or answers "unknown command 'x'; known: a, b".
  /// Runs on the caller's thread and blocks as long as the handler does.
  public func respond(to request: ControlRequest) -> ControlResponse {
    if let handler = table[request.command] {
      return handler(request)
    }
    let known = commands.isEmpty ? "none" : commands.joined(separator: ", ")
    return .failure("unknown command '\(request.command)'; known: \(known)")
  }
}
