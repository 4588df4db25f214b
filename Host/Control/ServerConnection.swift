/// One accepted client, owned by the server thread: it reads one request line, then writes one
/// response line, then is closed.
struct ServerConnection {
  /// Where the connection is in its short life.
  enum Phase {
    /// Waiting for the rest of the request line.
    case reading(RequestLineBuffer)
    /// Writing the response; `offset` bytes of it are sent.
    case writing(response: [UInt8], offset: Int)
    /// Closed; removed from the loop's list after this round.
    case closed
  }

  /// Non-blocking, close-on-exec.
  let descriptor: Int32
  var phase: Phase
  /// When the current phase gives up: the request must have arrived, or the response must have
  /// been taken by the client, by then.
  var deadline: ContinuousClock.Instant

  init(descriptor: Int32, deadline: ContinuousClock.Instant) {
    self.descriptor = descriptor
    self.phase = .reading(RequestLineBuffer())
    self.deadline = deadline
  }

  var isClosed: Bool {
    if case .closed = phase { true } else { false }
  }
}
