import Control
import HostTestKit
import Testing

@testable import HTTPAPI

/// The Hummingbird adapter on a real loopback socket: status codes, the size limit, headers.
@Suite struct HTTPAPIServerTests {
  static let secret = "server-test-token-0123456789"

  func withServer(_ body: (HTTPTestClient) throws -> Void) throws {
    let handlers: ControlHandlers = [
      "status": { _ in .success(["state": "running"]) },
      "pause": { request in .success(["queued": "pause", "scope": .string(request.arguments["slot"] ?? "account")]) },
    ]
    let gateway = APIGateway(
      handlers: handlers, token: try APIToken(Self.secret, source: "test"),
      rateLimit: RequestRateLimit(perSecond: 1000, burst: 1000, now: { 0 }))
    let server = HTTPAPIServer(
      gateway: gateway, address: HTTPAddress(host: "127.0.0.1", port: 0), maxBodyBytes: 1024)
    let bound = try server.start()
    defer { server.stop() }
    #expect(bound.port > 0)
    try body(HTTPTestClient(port: bound.port))
  }

  @Test func answersOverHTTP() throws {
    try withServer { client in
      let health = try client.send("GET", "/health")
      #expect(health.status == 200)
      #expect(health.headers["content-type"] == "application/json")
      #expect(health.headers["cache-control"] == "no-store")
      #expect(try client.send("GET", "/status").status == 401)
      #expect(try client.send("GET", "/status", token: "wrong-token-0123456789").status == 401)
      let status = try client.send("GET", "/status", token: Self.secret)
      #expect(status.status == 200)
      #expect(status.text == #"{"ok":true,"result":{"state":"running"}}"# + "\n")
      let pause = try client.send(
        "POST", "/pause", body: Array(#"{"slot":"a"}"#.utf8), token: Self.secret)
      #expect(pause.text.contains(#""scope":"a""#))
      #expect(try client.send("GET", "/nowhere", token: Self.secret).status == 404)
      #expect(try client.send("POST", "/pause", body: Array("{".utf8), token: Self.secret).status == 400)
    }
  }

  @Test func anOversizedBodyIs413() throws {
    try withServer { client in
      let big = [UInt8](repeating: 0x20, count: 4096)
      let answer = try client.send("POST", "/pause", body: big, token: Self.secret)
      #expect(answer.status == 413)
      #expect(answer.text.contains("larger than 1024 bytes"))
      // Without a Content-Length the body is still cut at the limit (chunked).
      let chunked = try client.exchange(
        Array(
          "POST /pause HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer \(Self.secret)\r\nTransfer-Encoding: chunked\r\n\r\n1000\r\n".utf8)
          + big + Array("\r\n0\r\n\r\n".utf8))
      #expect(try HTTPTestClient.parse(chunked).status == 413)
    }
  }

  @Test func aBusyAddressIsAClearError() throws {
    try withServer { client in
      let second = HTTPAPIServer(
        gateway: APIGateway(
          handlers: ControlHandlers(), token: try APIToken(Self.secret, source: "t"),
          rateLimit: RequestRateLimit(perSecond: 1, burst: 1, now: { 0 })),
        address: HTTPAddress(host: "127.0.0.1", port: client.port))
      do throws(HTTPServerError) {
        _ = try second.start()
        second.stop()
        Issue.record("a second server bound a busy port")
      } catch {
        #expect(error.description.contains("could not listen on 127.0.0.1:\(client.port)"))
      }
    }
  }
}
