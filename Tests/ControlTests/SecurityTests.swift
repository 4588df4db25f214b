import Control
import Glibc
import HostTestKit
import Testing

@Suite("Control socket security: private directory, private socket, own user only")
struct SecurityTests {
  @Test func createsDirectory0700AndSocket0600() throws {
    let directory = try TemporaryDirectory(prefix: "ctl")
    let socketDirectory = directory.file("run/tradehost")
    let path = socketDirectory + "/control.sock"
    let server = ControlServer(socketPath: path, handlers: FakeHost().handlers)
    try server.start()
    defer { server.stop() }
    #expect(fileMode(socketDirectory) == S_IFDIR | 0o700)
    #expect(fileMode(directory.file("run")) == S_IFDIR | 0o700)
    #expect(fileMode(path) == S_IFSOCK | 0o600)
    #expect(fileMode(path + ".lock") == S_IFREG | 0o600)
    #expect(try status(at: path).ok)
  }

  @Test(
    "Refuses a directory that others may write to",
    arguments: [0o777, 0o770, 0o1777, 0o702] as [mode_t])
  func refusesOpenDirectory(mode: mode_t) throws {
    let directory = try TemporaryDirectory(prefix: "ctl")
    #expect(chmod(directory.path, mode) == 0)
    let path = directory.file("control.sock")
    let server = ControlServer(socketPath: path, handlers: FakeHost().handlers)
    let error = #expect(throws: ControlError.self) { try server.start() }
    #expect(error == .directoryTooOpen(path: directory.path, mode: UInt32(mode)))
    let modeText = String(mode, radix: 8)
    #expect(
      error?.description
        == "refusing to put the control socket in \(directory.path): its mode "
        + "\(modeText.count < 4 ? "0" : "")\(modeText) lets other users write to it "
        + "(run `chmod go-w \(directory.path)`)")
    #expect(!exists(path))
  }

  @Test(.enabled(if: geteuid() == 0, "only root can give a directory to another user"))
  func refusesDirectoryOfAnotherUser() throws {
    let directory = try TemporaryDirectory(prefix: "ctl")
    #expect(chmod(directory.path, 0o700) == 0)
    #expect(chown(directory.path, 4242, 4242) == 0)
    let server = ControlServer(
      socketPath: directory.file("control.sock"), handlers: FakeHost().handlers)
    let error = #expect(throws: ControlError.self) { try server.start() }
    #expect(error == .directoryNotOwned(path: directory.path, owner: 4242, user: 0))
    #expect(
      error?.description
        == "refusing to put the control socket in \(directory.path): it belongs to uid 4242, "
        + "not to you (uid 0)")
  }

  @Test func refusesAFileWhereTheDirectoryShouldBe() throws {
    let directory = try TemporaryDirectory(prefix: "ctl")
    let file = directory.file("plain")
    #expect(creat(file, 0o600) >= 0)
    let server = ControlServer(socketPath: file + "/control.sock", handlers: FakeHost().handlers)
    #expect(throws: ControlError.notADirectory(path: file)) { try server.start() }
  }

  @Test func pathLongerThanSunPathIsAClearError() throws {
    let directory = try TemporaryDirectory(prefix: "ctl")
    let path = directory.file(String(repeating: "s", count: 100) + ".sock")
    let server = ControlServer(socketPath: path, handlers: FakeHost().handlers)
    let error = #expect(throws: ControlError.self) { try server.start() }
    #expect(error == .pathTooLong(path: path, limit: 107))
    #expect(
      error?.description
        == "the control socket path \(path) is \(path.utf8.count) bytes long, but a Unix "
        + "socket path may have at most 107 bytes (set TRADEHOST_SOCKET to a shorter path)")
    #expect(throws: ControlError.pathTooLong(path: path, limit: 107)) {
      try ControlClient.send(ControlRequest(command: "status"), to: path)
    }
  }

  @Test func sunPathLimitMatchesTheSystem() {
    #expect(
      ControlSocket.maximumPathBytes == MemoryLayout.size(ofValue: sockaddr_un().sun_path) - 1)
  }

  @Test(
    "Only the server's own uid is allowed",
    arguments: [
      (1000, 1000, true), (1001, 1000, false), (0, 1000, false), (1000, 0, false), (0, 0, true),
    ] as [(UInt32, UInt32, Bool)])
  func peerUIDRule(peer: UInt32, server: UInt32, allowed: Bool) {
    #expect(PeerCredentials.isAllowed(peerUID: peer, serverUID: server) == allowed)
  }

  @Test func peerCredentialsOfASocketPairAreOurOwn() throws {
    var descriptors: [Int32] = [-1, -1]
    #expect(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &descriptors) == 0)
    defer {
      close(descriptors[0])
      close(descriptors[1])
    }
    let peer = try #require(PeerCredentials.of(socket: descriptors[0]))
    #expect(peer == PeerCredentials(processID: getpid(), userID: geteuid(), groupID: getegid()))
    #expect(PeerCredentials.of(socket: -1) == nil)
  }

  @Test("the client accepts only a server of its own uid; unknown credentials are refused too")
  func clientChecksTheServer() throws {
    let path = "/tmp/tradehost-1000/control.sock"
    let mine = PeerCredentials(processID: 7, userID: 1000, groupID: 1000)
    try PeerCredentials.requireServer(mine, path: path, user: 1000)
    let planted = PeerCredentials(processID: 8, userID: 1001, groupID: 1001)
    let foreign = #expect(throws: ControlError.self) {
      try PeerCredentials.requireServer(planted, path: path, user: 1000)
    }
    #expect(foreign == .foreignServer(path: path, owner: 1001, user: 1000))
    #expect(
      foreign?.description
        == "refusing to use the control socket \(path): the process serving it runs as uid 1001, "
        + "not as you (uid 1000); another user may have planted it, so nothing was sent")
    // A root host does not serve a user either (the same rule as the server's).
    #expect(throws: ControlError.foreignServer(path: path, owner: 0, user: 1000)) {
      try PeerCredentials.requireServer(
        PeerCredentials(processID: 1, userID: 0, groupID: 0), path: path, user: 1000)
    }
    #expect(throws: ControlError.foreignServer(path: path, owner: nil, user: 1000)) {
      try PeerCredentials.requireServer(nil, path: path, user: 1000)
    }
  }
}
