import Glibc

/// A bare client socket, for sending what `ControlClient` never would: broken JSON, huge lines,
/// nothing at all. Closed when the last reference goes away.
final class RawConnection {
  struct ConnectFailed: Error {
    let errno: Int32
  }

  let descriptor: Int32

  /// Connects to `path`.
  init(path: String) throws(ConnectFailed) {
    let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue | SOCK_CLOEXEC.rawValue), 0)
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    let bytes = Array(path.utf8)
    withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
      }
    }
    guard connected == 0 else {
      let code = errno
      close(descriptor)
      throw ConnectFailed(errno: code)
    }
    self.descriptor = descriptor
  }

  /// Sends all of `bytes`, ignoring a peer that has gone (no SIGPIPE); returns whether all went.
  @discardableResult
  func send(_ bytes: [UInt8]) -> Bool {
    var offset = 0
    while offset < bytes.count {
      let sent = bytes.withUnsafeBytes {
        Glibc.send(descriptor, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL))
      }
      guard sent > 0 else { return false }
      offset += sent
    }
    return true
  }

  @discardableResult
  func send(_ text: String) -> Bool {
    send(Array(text.utf8))
  }

  /// Shuts down the sending side, as a client that has said all it will say.
  func finishSending() {
    shutdown(descriptor, Int32(SHUT_WR))
  }

  /// The next line (without its newline), or what came before the end of the stream; nil when
  /// nothing arrived within `timeout`.
  func readLine(timeout: Duration = .seconds(5)) -> String? {
    let deadline = ContinuousClock.now + timeout
    var received: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    while true {
      let left = deadline - .now
      guard left > .zero else { return nil }
      var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
      let milliseconds = Int32(min(left / .milliseconds(1), 60_000)) + 1
      guard poll(&entry, 1, milliseconds) > 0 else { continue }
      let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
      if count <= 0 {
        return received.isEmpty ? nil : String(decoding: received, as: UTF8.self)
      }
      received.append(contentsOf: chunk[..<count])
      if let newline = received.firstIndex(of: UInt8(ascii: "\n")) {
        return String(decoding: received[..<newline], as: UTF8.self)
      }
    }
  }

  deinit {
    close(descriptor)
  }
}
