import Dispatch
import Glibc
import Testing

/// A listener that answers one connection with a fixed reply (no newline handling, no JSON),
/// on a Dispatch thread; `finish()` waits for it.
struct FakeServer {
  private let done = DispatchSemaphore(value: 0)

  init(path: String, reply: String) throws {
    let listener = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue | SOCK_CLOEXEC.rawValue), 0)
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8)) }
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(listener, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
      }
    }
    try #require(bound == 0 && listen(listener, 1) == 0)
    let done = self.done
    DispatchQueue.global().async {
      // Gives up after 5 s, so a test that never connects does not leave this block behind.
      var ready = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
      guard poll(&ready, 1, 5_000) == 1 else {
        close(listener)
        done.signal()
        return
      }
      let connection = accept(listener, nil, nil)
      var buffer = [UInt8](repeating: 0, count: 1024)
      _ = recv(connection, &buffer, buffer.count, 0)
      _ = send(connection, reply, reply.utf8.count, Int32(MSG_NOSIGNAL))
      close(connection)
      close(listener)
      done.signal()
    }
  }

  func finish() {
    _ = done.wait(timeout: .now() + 5)
  }
}
