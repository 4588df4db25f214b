/// Collects the bytes of one connection until a whole request line has arrived.
///
/// A pure value owned by one connection on the server thread. The line ends at the first `\n`
/// (a `\r` before it is dropped); anything after it is ignored, since a connection carries one
/// request. A line longer than `limit` bytes is refused as soon as the limit is passed, so a
/// client cannot make the server hold more than `limit` bytes for it.
struct RequestLineBuffer {
  /// What the bytes so far amount to.
  enum Outcome: Equatable {
    /// No newline yet, and still within the limit.
    case incomplete
    /// A complete line, without its newline.
    case line([UInt8])
    /// More than `limit` bytes arrived without a newline.
    case tooLong
  }

  private(set) var bytes: [UInt8] = []
  let limit: Int

  init(limit: Int = ControlSocket.maximumRequestBytes) {
    self.limit = limit
  }

  /// Adds received bytes and says whether a line is complete.
  mutating func append(_ received: some Collection<UInt8>) -> Outcome {
    let searchFrom = bytes.count
    bytes.append(contentsOf: received)
    if let newline = bytes[searchFrom...].firstIndex(of: UInt8(ascii: "\n")) {
      guard newline <= limit else { return .tooLong }
      var line = Array(bytes[..<newline])
      if line.last == UInt8(ascii: "\r") { line.removeLast() }
      return .line(line)
    }
    return bytes.count > limit ? .tooLong : .incomplete
  }
}
