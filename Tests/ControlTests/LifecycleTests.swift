import Control
import Glibc
import HostTestKit
import Synchronization
import Testing

@Suite("Control server lifecycle: stale sockets, second hosts, stop")
struct LifecycleTests {
  @Test func staleSocketIsRemovedAndBound() throws {
    let directory = try TemporaryDirectory(prefix: "ctl")
    let path = directory.file("control.sock")
    try leaveStaleSocket(at: path)
    #expect(fileMode(path).map { $0 & S_IFMT } == S_IFSOCK)
    #expect(throws: ControlError.notRunning(path: path)) {
      try ControlClient.send(ControlRequest(command: "status"), to: path)
    }
    try withServer(in: directory) { path throws in
      #expect(try status(at: path).ok)
    }
  }

  @Test func secondServerOnTheSamePathIsRefused() throws {
    let directory = try TemporaryDirectory(prefix: "ctl")
    try withServer(in: directory) { path throws in
      let second = ControlServer(socketPath: path, handlers: ControlHandlers())
      let error = #expect(throws: ControlError.self) { try second.start() }
      #expect(error == .alreadyRunning(path: path))
      #expect(error?.description == "another host is already listening on \(path)")
      #expect(!second.isRunning)
      // The first one is untouched.
      #expect(try status(at: path).ok)
    }
  }

  @Test func aFileThatIsNotASocketIsLeftAlone() throws {
    let directory = try TemporaryDirectory(prefix: "ctl")
    let path = directory.file("control.sock")
    #expect(creat(path, 0o600) >= 0)
    let server = ControlServer(socketPath: path, handlers: ControlHandlers())
    #expect(throws: ControlError.pathOccupied(path: path)) { try server.start() }
    #expect(fileMode(path) == S_IFREG | 0o600)
  }

  @Test func clientWithNoHostSaysHowToStartOne() throws {
    let directory = try TemporaryDirectory(prefix: "ctl")
    for path in [directory.file("control.sock"), directory.file("missing/control.sock")] {
      let error = #expect(throws: ControlError.self) {
        try ControlClient.send(ControlRequest(command: "status"), to: path)
      }
      #expect(error == .notRunning(path: path))
      #expect(
        error?.description == "no TradeHost is running at \(path) (start one with `tradehost run`)")
    }
  }

  @Test func stopRemovesTheSocketAndIsIdempotent() throws {
    let directory = try TemporaryDirectory(prefix: "ctl")
    let path = directory.file("control.sock")
    let server = ControlServer(socketPath: path, handlers: FakeHost().handlers)
    server.stop()  // Before start: nothing happens.
    try server.start()
    #expect(server.isRunning)
    #expect(exists(path))
    server.stop()
    #expect(!server.isRunning)
    #expect(!exists(path))
    server.stop()
    #expect(throws: ControlError.notRunning(path: path)) {
      try ControlClient.send(ControlRequest(command: "status"), to: path)
    }
    #expect(throws: ControlError.alreadyStarted(path: path)) { try server.start() }
  }

  @Test func startTwiceIsRefused() throws {
    let directory = try TemporaryDirectory(prefix: "ctl")
    let path = directory.file("control.sock")
    let server = ControlServer(socketPath: path, handlers: FakeHost().handlers)
    try server.start()
    defer { server.stop() }
    #expect(throws: ControlError.alreadyStarted(path: path)) { try server.start() }
    #expect(server.isRunning)
  }

  @Test func releasingTheServerStopsIt() throws {
    let directory = try TemporaryDirectory(prefix: "ctl")
    let path = directory.file("control.sock")
    do {
      let server = ControlServer(socketPath: path, handlers: FakeHost().handlers)
      try server.start()
      #expect(exists(path))
    }
    #expect(!exists(path))
  }

  @Test func aHandlerMayStopItsOwnServer() throws {
    let directory = try TemporaryDirectory(prefix: "ctl")
    let path = directory.file("control.sock")
    let current = ServerReference()
    let handlers: ControlHandlers = [
      "shutdown": { _ in
        current.server.withLock { $0 }?.stop()
        return .success(["stopping": true])
      }
    ]
    let server = ControlServer(socketPath: path, handlers: handlers)
    current.server.withLock { $0 = server }
    try server.start()
    defer {
      current.server.withLock { $0 = nil }  // Breaks the server -> handler -> server cycle.
      server.stop()
    }
    let response = try ControlClient.send(ControlRequest(command: "shutdown"), to: path)
    #expect(response == .success(["stopping": true]))
    #expect(!server.isRunning)
  }

  /// Lets a handler reach the server it runs in.
  private final class ServerReference: Sendable {
    let server = Mutex<ControlServer?>(nil)
  }

  /// Binds a socket at `path` and closes it without removing the file, as a crashed host does.
  private func leaveStaleSocket(at path: String) throws {
    let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(descriptor) }
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8)) }
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
      }
    }
    try #require(bound == 0)
    try #require(listen(descriptor, 1) == 0)
  }
}
