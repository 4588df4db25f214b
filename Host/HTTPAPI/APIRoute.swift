/// One endpoint of the HTTP API: a method and a path (with at most one `{name}` segment), the
/// control command it runs and the arguments it takes.
///
/// The API is a second door to the same handlers as the control socket: a request becomes a
/// `ControlRequest` for `command` whose arguments are the path parameter (as `pathArgument`), the
/// query's parameters (GET) or the body's members (POST, a JSON object of strings). An argument
/// the route does not list is refused (400), so a misspelt `slott` never widens a pause to the
/// whole account. A pure value.
public struct APIRoute: Sendable, Equatable {
  /// `GET` reads, `POST` acts.
  public enum Method: String, Sendable {
    case get = "GET"
    case post = "POST"
  }

  public let method: Method
  /// The path template, e.g. `/reload/{id}`.
  public let path: String
  /// The control command the route runs (`status`, `reload`, ...).
  public let command: String
  /// The argument the path parameter becomes (`plugin` for `/reload/{id}`), or nil.
  public let pathArgument: String?
  /// The arguments the query (GET) or the body (POST) may carry.
  public let arguments: [String]
  /// Whether the route answers without a token (`/health` only).
  public let isPublic: Bool
  /// One line for the docs and the OpenAPI document.
  public let summary: String

  public init(
    _ method: Method, _ path: String, command: String, pathArgument: String? = nil,
    arguments: [String] = [], isPublic: Bool = false, summary: String
  ) {
    self.method = method
    self.path = path
    self.command = command
    self.pathArgument = pathArgument
    self.arguments = arguments
    self.isPublic = isPublic
    self.summary = summary
  }

  /// The path split at `/`, without the empty first part.
  var segments: [Substring] {
    path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map { $0 }
  }

  /// The path parameter's value when `requestPath` (already without its query) matches this
  /// route's template; `.some(nil)` for a match without a parameter; nil for no match. A
  /// parameter segment matches one non-empty segment.
  func match(_ requestSegments: [Substring]) -> String?? {
    let template = segments
    guard template.count == requestSegments.count else { return nil }
    var parameter: String?
    for (pattern, actual) in zip(template, requestSegments) {
      if pattern.hasPrefix("{") {
        guard !actual.isEmpty else { return nil }
        parameter = String(actual)
      } else if pattern != actual {
        return nil
      }
    }
    return .some(parameter)
  }
}
