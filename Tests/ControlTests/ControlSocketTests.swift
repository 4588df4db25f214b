import Control
import Glibc
import Testing

@Suite("Default socket path")
struct ControlSocketTests {
  @Test func explicitSocketWins() {
    let environment = ["TRADEHOST_SOCKET": "/srv/th.sock", "XDG_RUNTIME_DIR": "/run/user/1000"]
    #expect(ControlSocket.defaultPath(environment: environment) == "/srv/th.sock")
  }

  @Test func runtimeDirectoryIsNext() {
    #expect(
      ControlSocket.defaultPath(environment: ["XDG_RUNTIME_DIR": "/run/user/1000"])
        == "/run/user/1000/tradehost/control.sock")
    #expect(
      ControlSocket.defaultPath(environment: ["XDG_RUNTIME_DIR": "/run/user/1000/"])
        == "/run/user/1000/tradehost/control.sock")
  }

  @Test func temporaryDirectoryPerUserIsTheFallback() {
    let fallback = "/tmp/tradehost-\(geteuid())/control.sock"
    #expect(ControlSocket.defaultPath(environment: [:]) == fallback)
    // Empty values count as unset, and a relative runtime directory is ignored (XDG spec).
    let ignored = ["TRADEHOST_SOCKET": "", "XDG_RUNTIME_DIR": "run/user/1000"]
    #expect(ControlSocket.defaultPath(environment: ignored) == fallback)
  }
}
