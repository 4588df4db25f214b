import Glibc

/// A `sockaddr_un` for a socket path, checked for length: a path that does not fit is an error,
/// never silently cut short (which would bind or connect to another file).
struct UnixSocketAddress {
  private let storage: sockaddr_un

  init(path: String) throws(ControlError) {
    let bytes = Array(path.utf8)
    guard !bytes.isEmpty, !bytes.contains(0) else { throw .invalidPath(path) }
    guard bytes.count <= ControlSocket.maximumPathBytes else {
      throw .pathTooLong(path: path, limit: ControlSocket.maximumPathBytes)
    }
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }  // rest stays 0
    storage = address
  }

  /// Calls `body` with the address as a `sockaddr` pointer and its length, for bind/connect.
  func withSocketAddress<Result>(
    _ body: (UnsafePointer<sockaddr>, socklen_t) -> Result
  ) -> Result {
    withUnsafePointer(to: storage) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        body($0, socklen_t(MemoryLayout<sockaddr_un>.size))
      }
    }
  }
}
