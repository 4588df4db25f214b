import Control
import Dispatch
import HTTPTypes
import Hummingbird
import Logging
import Synchronization

/// The HTTP API on Hummingbird: a thin adapter that reads a request (refusing a body over
/// `maxBodyBytes` with 413), hands it to the `APIGateway` on one serial queue (handlers run
/// there one at a time, never on the server's event loops) and writes the gateway's answer.
/// Streams (`streams`: server-sent events) are served outside the gateway, behind the same
/// token and rate limit.
///
/// Threads: `start()` and `stop()` block the caller briefly; the server runs on Hummingbird's
/// event loops.
public final class HTTPAPIServer: Sendable {
  public let gateway: APIGateway
  public let address: HTTPAddress
  public let maxBodyBytes: Int
  private let streams: [String: EventStream]
  private let queue = DispatchQueue(label: "tradehost.http-api")
  private let executor = QueueTaskExecutor(label: "tradehost.http-server")
  private let task = Mutex<Task<Void, Never>?>(nil)
  private let ended = DispatchSemaphore(value: 0)

  /// The largest request body accepted by default (64 KiB, as the control socket's line).
  public static let defaultMaxBodyBytes = 65_536

  public init(
    gateway: APIGateway, address: HTTPAddress, maxBodyBytes: Int = defaultMaxBodyBytes,
    streams: [String: EventStream] = [:]
  ) {
    self.gateway = gateway
    self.address = address
    self.maxBodyBytes = maxBodyBytes
    self.streams = streams
  }

  /// Binds and starts serving; returns the bound address (`127.0.0.1:41234` for port 0) once
  /// clients can connect. Throws when the address cannot be bound, or nothing is bound within
  /// `timeout`.
  public func start(timeout: Duration = .seconds(20)) throws(HTTPServerError) -> HTTPAddress {
    let outcome = Mutex<Result<HTTPAddress, HTTPServerError>?>(nil)
    let ready = DispatchSemaphore(value: 0)
    var logger = Logger(label: "tradehost.http")
    logger.logLevel = .critical
    let requested = address
    let app = Application(
      responder: CallbackResponder<BasicRequestContext> { [self] request, _ in
        try await self.answer(request)
      },
      configuration: ApplicationConfiguration(
        address: .hostname(address.host, port: address.port), serverName: nil),
      onServerRunning: { channel in
        let port = channel.localAddress?.port ?? requested.port
        outcome.withLock { $0 = .success(HTTPAddress(host: requested.host, port: port)) }
        ready.signal()
      },
      logger: logger)
    let ended = self.ended
    let running = Task(executorPreference: executor) {
      do {
        try await app.run()
      } catch {
        outcome.withLock { current in
          if current == nil {
            current = .failure(HTTPServerError("could not listen on \(requested): \(error)"))
          }
        }
        ready.signal()
      }
      ended.signal()
    }
    task.withLock { $0 = running }
    let seconds = Double(timeout.components.seconds)
    if ready.wait(timeout: .now() + seconds) == .timedOut {
      stop()
      throw HTTPServerError("the HTTP API did not start listening on \(requested) within \(Int(seconds)) s")
    }
    switch outcome.withLock({ $0 }) {
    case .success(let bound)?: return bound
    case .failure(let error)?:
      stop()
      throw error
    case nil:
      stop()
      throw HTTPServerError("the HTTP API on \(requested) ended before it listened")
    }
  }

  /// Stops serving and waits (at most 5 s) for the server to close. Idempotent.
  public func stop() {
    guard let running = task.withLock({ current -> Task<Void, Never>? in
      defer { current = nil }
      return current
    }) else { return }
    for stream in streams.values { stream.close() }
    running.cancel()
    _ = ended.wait(timeout: .now() + 5)
  }

  private func answer(_ request: Request) async throws -> Response {
    if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > maxBodyBytes {
      return Self.response(tooLarge)
    }
    var request = request
    let body: ByteBuffer
    do {
      body = try await request.collectBody(upTo: maxBodyBytes)
    } catch {
      return Self.response(tooLarge)
    }
    let api = APIRequest(
      method: request.method.rawValue, path: request.uri.path, query: request.uri.query ?? "",
      authorization: request.headers[.authorization], body: Array(buffer: body))
    if api.method == "GET", let stream = streams[api.path] {
      if let refusal = gateway.admit(api) { return Self.response(refusal) }
      return Response(
        status: .ok,
        headers: [.contentType: "text/event-stream", .cacheControl: "no-store"],
        body: ResponseBody(asyncSequence: stream.subscribe()))
    }
    let gateway = self.gateway
    let answer = await withCheckedContinuation { continuation in
      queue.async { continuation.resume(returning: gateway.respond(to: api)) }
    }
    return Self.response(answer)
  }

  private var tooLarge: APIResponse {
    .failure(413, "the request body is larger than \(maxBodyBytes) bytes")
  }

  private static func response(_ answer: APIResponse) -> Response {
    var headers: HTTPFields = [
      .contentType: answer.contentType, .cacheControl: "no-store",
      HTTPField.Name("X-Content-Type-Options")!: "nosniff",
    ]
    for (name, value) in answer.headers {
      if let field = HTTPField.Name(name) { headers[field] = value }
    }
    return Response(
      status: HTTPResponse.Status(code: answer.status), headers: headers,
      body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
  }
}

/// The HTTP API could not start (one sentence).
public struct HTTPServerError: Error, Sendable, Equatable, CustomStringConvertible {
  public let description: String

  public init(_ description: String) { self.description = description }
}
