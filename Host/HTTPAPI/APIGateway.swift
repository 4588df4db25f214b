import Control

/// The HTTP API's core, free of any server: it checks a request's rate, route, token and
/// arguments in that order, runs the route's control command through the same `ControlHandlers`
/// the Unix socket serves, and says what to answer.
///
/// Answers: 200 with the handler's result; 409 when the handler refused or failed (the error is
/// its sentence); 400 for arguments the route does not take, a body that is not a JSON object of
/// strings, or a query on a POST; 401 without the right bearer token (every route but
/// `/health`, and any path at all, so a caller without the token learns nothing about which
/// paths exist); 404 for a path outside the API; 405 for a known path with the wrong method;
/// 429 past the rate limit (with `Retry-After`). Bodies over the size limit are refused (413) by
/// the server before they get here.
///
/// Threads: `respond` runs on the caller's thread and blocks as long as the handler does (a
/// deployment command waits up to 30 s for its outcome): call it off the server's event loops.
public struct APIGateway: Sendable {
  public let handlers: ControlHandlers
  public let token: APIToken
  public let rateLimit: RequestRateLimit
  public let routes: [APIRoute]
  /// GET paths answered outside the control commands (`/metrics`, `/`), behind the token unless
  /// listed in `publicPages`.
  private let pages: [String: @Sendable () -> APIResponse]
  private let publicPages: Set<String>

  public init(
    handlers: ControlHandlers, token: APIToken, rateLimit: RequestRateLimit,
    routes: [APIRoute] = APIRoutes.all, pages: [String: @Sendable () -> APIResponse] = [:],
    publicPages: Set<String> = []
  ) {
    self.handlers = handlers
    self.token = token
    self.rateLimit = rateLimit
    self.routes = routes
    self.pages = pages
    self.publicPages = publicPages
  }

  /// The answer to `request`; see the type's notes for the order of checks.
  public func respond(to request: APIRequest) -> APIResponse {
    if let refusal = limited() { return refusal }
    let segments = request.path.split(separator: "/", omittingEmptySubsequences: false)
      .dropFirst().map { $0 }
    let matches = routes.compactMap { route in route.match(segments).map { (route, $0) } }
    let isPublic =
      matches.contains { $0.0.isPublic && $0.0.method.rawValue == request.method }
      || (request.method == "GET" && publicPages.contains(request.path))
    if !isPublic, let refusal = unauthorized(request) { return refusal }
    if request.method == "GET", let page = pages[request.path] {
      guard request.query.isEmpty else {
        return .failure(400, "\(request.path) takes no query parameters")
      }
      return page()
    }
    guard !matches.isEmpty else {
      return .failure(404, "no such endpoint: \(request.path) (docs/http-api.md lists them)")
    }
    guard let (route, parameter) = matches.first(where: { $0.0.method.rawValue == request.method })
    else {
      let allowed = matches.map(\.0.method.rawValue).joined(separator: ", ")
      return .failure(
        405, "\(request.path) answers \(allowed), not \(request.method)",
        headers: ["Allow": allowed])
    }
    var arguments: [String: String]
    switch Self.arguments(of: request, route: route) {
    case .success(let parsed): arguments = parsed
    case .failure(let problem): return .failure(400, problem.message)
    }
    if let name = route.pathArgument, let parameter { arguments[name] = parameter }
    if route.command == "health" { return .success(.object(["status": .string("ok")])) }
    let response = handlers.respond(to: ControlRequest(command: route.command, arguments: arguments))
    if response.ok { return .success(response.result) }
    return .failure(409, response.error ?? "the command failed")
  }

  /// Whether a request for a stream (`/events`) may go on: nil, or the 429 or 401 to answer.
  public func admit(_ request: APIRequest) -> APIResponse? {
    limited() ?? unauthorized(request)
  }

  /// The 429 to answer when the rate limit is spent, else nil (and one request is counted).
  private func limited() -> APIResponse? {
    guard let wait = rateLimit.take() else { return nil }
    return .failure(
      429,
      "too many requests: at most \(rateLimit.perSecond) a second (burst \(rateLimit.burst)); retry in \(wait) s",
      headers: ["Retry-After": String(wait)])
  }

  /// The 401 to answer without the right token, else nil.
  private func unauthorized(_ request: APIRequest) -> APIResponse? {
    if token.accepts(authorization: request.authorization) { return nil }
    return .failure(
      401,
      request.authorization == nil
        ? "this API needs a bearer token (Authorization: Bearer TOKEN; docs/http-api.md says where it is)"
        : "the bearer token is wrong",
      headers: ["WWW-Authenticate": "Bearer"])
  }

  /// A request's arguments: the query's for GET, the body's (a JSON object of strings) for POST;
  /// each must be one the route takes, once.
  static func arguments(of request: APIRequest, route: APIRoute)
    -> Result<[String: String], ArgumentProblem>
  {
    var arguments: [String: String] = [:]
    switch route.method {
    case .get:
      guard request.body.isEmpty else {
        return .failure(ArgumentProblem("a GET request has no body"))
      }
      for pair in request.query.split(separator: "&") where !pair.isEmpty {
        let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        guard let name = PercentDecoding.decode(parts[0]),
          let value = PercentDecoding.decode(parts.count > 1 ? parts[1] : "")
        else {
          return .failure(ArgumentProblem("the query has a malformed %-escape in \"\(pair)\""))
        }
        guard arguments[name] == nil else {
          return .failure(ArgumentProblem("the query names \"\(name)\" twice"))
        }
        arguments[name] = value
      }
    case .post:
      guard request.query.isEmpty else {
        return .failure(ArgumentProblem("a POST takes its arguments in a JSON body, not the query"))
      }
      let blank: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D]
      if request.body.contains(where: { !blank.contains($0) }) {
        let value: JSONValue
        do {
          value = try JSONValue(jsonBytes: request.body)
        } catch {
          return .failure(ArgumentProblem("the body is not valid JSON: \(error)"))
        }
        guard case .object(let members) = value else {
          return .failure(
            ArgumentProblem("the body must be a JSON object of strings, found \(value.kindName)"))
        }
        for (name, member) in members.sorted(by: { $0.key < $1.key }) {
          guard case .string(let text) = member else {
            return .failure(
              ArgumentProblem("\"\(name)\" must be a string, found \(member.kindName)"))
          }
          arguments[name] = text
        }
      }
    }
    if let unknown = arguments.keys.sorted().first(where: { !route.arguments.contains($0) }) {
      let known =
        route.arguments.isEmpty
        ? "it takes none" : "it takes \(route.arguments.map { "\"\($0)\"" }.joined(separator: ", "))"
      return .failure(
        ArgumentProblem("\(route.method.rawValue) \(route.path) has no argument \"\(unknown)\"; \(known)"))
    }
    return .success(arguments)
  }

  /// One sentence on what is wrong with a request's arguments.
  struct ArgumentProblem: Error {
    let message: String
    init(_ message: String) { self.message = message }
  }
}
