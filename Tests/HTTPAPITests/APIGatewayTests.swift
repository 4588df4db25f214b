import Control
import Synchronization
import Testing

@testable import HTTPAPI

/// The gateway's checks, in order: rate, token, route, method, arguments; then the handler.
@Suite struct APIGatewayTests {
  static let secret = "0123456789abcdef0123456789abcdef"
  let clock = TestClock()
  /// What the handlers were asked, in order.
  let asked = Asked()

  final class Asked: Sendable {
    private let requests = Mutex<[ControlRequest]>([])
    func append(_ request: ControlRequest) { requests.withLock { $0.append(request) } }
    func withLock<T>(_ body: (inout [ControlRequest]) -> T) -> T { requests.withLock { body(&$0) } }
  }

  func gateway(perSecond: Int = 1000, burst: Int = 1000) throws -> APIGateway {
    let asked = self.asked
    var handlers = ControlHandlers()
    for command in ["status", "pause", "reload", "role", "orders"] {
      handlers.register(command) { request in
        asked.append(request)
        if request.arguments["slot"] == "nope" { return .failure("no slot is named 'nope'") }
        return .success(["command": .string(request.command)])
      }
    }
    let clock = self.clock
    return APIGateway(
      handlers: handlers, token: try APIToken(Self.secret, source: "test"),
      rateLimit: RequestRateLimit(perSecond: perSecond, burst: burst, now: { clock.now }),
      pages: ["/metrics": { APIResponse(status: 200, contentType: "text/plain", body: [0x41]) }])
  }

  func request(
    _ method: String, _ path: String, query: String = "", token: String? = secret, body: String = ""
  ) -> APIRequest {
    APIRequest(
      method: method, path: path, query: query, authorization: token.map { "Bearer \($0)" },
      body: Array(body.utf8))
  }

  @Test func healthNeedsNoToken() throws {
    let answer = try gateway().respond(to: request("GET", "/health", token: nil))
    #expect(answer.status == 200)
    #expect(answer.json?["result"]?["status"] == .string("ok"))
  }

  @Test func noTokenIs401() throws {
    let answer = try gateway().respond(to: request("GET", "/status", token: nil))
    #expect(answer.status == 401)
    #expect(answer.headers["WWW-Authenticate"] == "Bearer")
    #expect(answer.json?["ok"] == .bool(false))
    #expect(asked.withLock { $0.isEmpty })
  }

  @Test func wrongTokensAre401() throws {
    let gateway = try gateway()
    for wrong in [
      "0123456789abcdef0123456789abcdeF", "0123456789abcdef0123456789abcde",
      "0123456789abcdef0123456789abcdef0", "", "x",
    ] {
      #expect(gateway.respond(to: request("GET", "/status", token: wrong)).status == 401)
    }
    let basic = APIRequest(method: "GET", path: "/status", authorization: "Basic \(Self.secret)")
    #expect(gateway.respond(to: basic).status == 401)
    // The scheme's case does not matter (RFC 7235).
    let lower = APIRequest(method: "GET", path: "/status", authorization: "bearer \(Self.secret)")
    #expect(gateway.respond(to: lower).status == 200)
  }

  @Test func unknownPathWithoutTokenIs401AndWithTokenIs404() throws {
    let gateway = try gateway()
    #expect(gateway.respond(to: request("GET", "/admin", token: nil)).status == 401)
    let answer = gateway.respond(to: request("GET", "/admin"))
    #expect(answer.status == 404)
    #expect(answer.json?["error"]?.stringValue?.contains("/admin") == true)
    #expect(gateway.respond(to: request("GET", "/status/extra")).status == 404)
    #expect(gateway.respond(to: request("POST", "/reload/")).status == 404)
  }

  @Test func wrongMethodIs405() throws {
    let answer = try gateway().respond(to: request("POST", "/status"))
    #expect(answer.status == 405)
    #expect(answer.headers["Allow"] == "GET")
  }

  @Test func aPostRunsTheSameHandlerWithItsArguments() throws {
    let answer = try gateway().respond(to: request("POST", "/pause", body: #"{"slot":"canary"}"#))
    #expect(answer.status == 200)
    #expect(answer.json?["result"]?["command"] == .string("pause"))
    #expect(asked.withLock { $0 } == [ControlRequest(command: "pause", arguments: ["slot": "canary"])])
  }

  @Test func aPathParameterBecomesTheRoutesArgument() throws {
    let gateway = try gateway()
    _ = gateway.respond(to: request("POST", "/reload/ema-cross", body: #"{"slot":"a"}"#))
    _ = gateway.respond(to: request("POST", "/role/canary", body: #"{"role":"shadow"}"#))
    #expect(
      asked.withLock { $0 } == [
        ControlRequest(command: "reload", arguments: ["plugin": "ema-cross", "slot": "a"]),
        ControlRequest(command: "role", arguments: ["slot": "canary", "role": "shadow"]),
      ])
  }

  @Test func aRefusalIs409WithTheHandlersSentence() throws {
    let answer = try gateway().respond(to: request("POST", "/pause", body: #"{"slot":"nope"}"#))
    #expect(answer.status == 409)
    #expect(answer.json?["error"] == .string("no slot is named 'nope'"))
  }

  @Test func malformedJSONIs400WithTheReason() throws {
    let answer = try gateway().respond(to: request("POST", "/pause", body: #"{"slot":"#))
    #expect(answer.status == 400)
    let message = answer.json?["error"]?.stringValue ?? ""
    #expect(message.hasPrefix("the body is not valid JSON:"))
    #expect(message.contains("column"))
    #expect(asked.withLock { $0.isEmpty })
  }

  @Test func bodiesThatAreNotObjectsOfStringsAre400() throws {
    let gateway = try gateway()
    for body in [#"["slot"]"#, #"{"slot":1}"#, "\"x\"", "{\"slot\":\"\u{FFFF}\"", "\u{00}"] {
      #expect(gateway.respond(to: request("POST", "/pause", body: body)).status == 400)
    }
    let invalidUTF8 = APIRequest(
      method: "POST", path: "/pause", authorization: "Bearer \(Self.secret)",
      body: [0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x22, 0x22, 0x7D])
    #expect(gateway.respond(to: invalidUTF8).status == 400)
    #expect(asked.withLock { $0.isEmpty })
  }

  @Test func anArgumentTheRouteDoesNotTakeIs400AndNothingRuns() throws {
    let gateway = try gateway()
    let answer = gateway.respond(to: request("POST", "/pause", body: #"{"slott":"canary"}"#))
    #expect(answer.status == 400)
    #expect(answer.json?["error"]?.stringValue?.contains("\"slott\"") == true)
    #expect(gateway.respond(to: request("POST", "/pause", query: "slot=a")).status == 400)
    #expect(gateway.respond(to: request("GET", "/orders", query: "limit=5&x=1")).status == 400)
    #expect(gateway.respond(to: request("GET", "/orders", query: "limit=5&limit=6")).status == 400)
    #expect(gateway.respond(to: request("GET", "/orders", query: "limit=%G1")).status == 400)
    #expect(asked.withLock { $0.isEmpty })
  }

  @Test func queryArgumentsAreDecoded() throws {
    _ = try gateway().respond(to: request("GET", "/orders", query: "limit=%35"))
    #expect(asked.withLock { $0 } == [ControlRequest(command: "orders", arguments: ["limit": "5"])])
  }

  @Test func pastTheRateLimitIs429UntilTheBucketRefills() throws {
    let gateway = try gateway(perSecond: 2, burst: 3)
    for _ in 0..<3 { #expect(gateway.respond(to: request("GET", "/status")).status == 200) }
    let refused = gateway.respond(to: request("GET", "/status"))
    #expect(refused.status == 429)
    #expect(refused.headers["Retry-After"] == "1")
    // Unauthenticated requests count too (no free guessing of tokens).
    #expect(gateway.respond(to: request("GET", "/status", token: nil)).status == 429)
    clock.advance(seconds: 0.5)
    #expect(gateway.respond(to: request("GET", "/status")).status == 200)
    #expect(gateway.respond(to: request("GET", "/status")).status == 429)
  }

  @Test func pagesNeedTheTokenAndTakeNoQuery() throws {
    let gateway = try gateway()
    #expect(gateway.respond(to: request("GET", "/metrics", token: nil)).status == 401)
    #expect(gateway.respond(to: request("GET", "/metrics")).body == [0x41])
    #expect(gateway.respond(to: request("GET", "/metrics", query: "a=b")).status == 400)
  }

  @Test func noAnswerShowsTheToken() throws {
    let gateway = try gateway()
    let requests = [
      request("GET", "/status", token: nil), request("GET", "/status", token: "wrong-token-123456"),
      request("GET", "/nothing"), request("POST", "/pause", body: "{"),
      request("POST", "/pause", body: #"{"slot":"nope"}"#), request("GET", "/status"),
    ]
    for answer in requests.map(gateway.respond) {
      #expect(!String(decoding: answer.body, as: UTF8.self).contains(Self.secret))
      #expect(!answer.headers.values.contains { $0.contains(Self.secret) })
    }
  }

  @Test func noRouteOrPagePlacesAnOrder() {
    // The API steers risk states and deployments; it has no order entry by design.
    let commands = Set(APIRoutes.all.map(\.command))
    #expect(
      commands == [
        "health", "status", "plugins", "slots", "positions", "orders", "fills", "risk", "audit",
        "denials", "pause", "resume", "reduce", "kill", "unfreeze", "reload", "promote",
        "rollback", "role",
      ])
    #expect(APIRoutes.all.filter { $0.method == .get }.allSatisfy { $0.arguments.allSatisfy { $0 == "limit" } })
  }
}
