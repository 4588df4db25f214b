/// A request or response that breaks the control protocol; `message` is one sentence for the
/// other side (the server sends it back as the `error` of its response).
struct ProtocolViolation: Error, Sendable, Equatable {
  let message: String

  init(_ message: String) {
    self.message = message
  }
}
