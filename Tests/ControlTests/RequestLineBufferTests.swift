import Testing

@testable import Control

@Suite("RequestLineBuffer: one line, bounded")
struct RequestLineBufferTests {
  @Test func lineArrivesInPieces() {
    var buffer = RequestLineBuffer(limit: 16)
    #expect(buffer.append(Array("{\"com".utf8)) == .incomplete)
    #expect(buffer.append(Array("mand\"}\r\nrest".utf8)) == .line(Array("{\"command\"}".utf8)))
  }

  @Test func lineAtTheLimitIsAcceptedOneMoreIsNot() {
    var atLimit = RequestLineBuffer(limit: 4)
    #expect(atLimit.append(Array("abcd".utf8)) == .incomplete)
    #expect(atLimit.append(Array("\n".utf8)) == .line(Array("abcd".utf8)))
    var over = RequestLineBuffer(limit: 4)
    #expect(over.append(Array("abcde".utf8)) == .tooLong)
    var overWithNewline = RequestLineBuffer(limit: 4)
    #expect(overWithNewline.append(Array("abcde\n".utf8)) == .tooLong)
  }

  @Test func durationsForPollAndForPeople() {
    #expect(Duration.milliseconds(200).pollMilliseconds == 200)
    #expect(Duration.microseconds(1).pollMilliseconds == 1)
    #expect(Duration.seconds(-1).pollMilliseconds == 0)
    #expect(Duration.seconds(1_000_000_000).pollMilliseconds == .max)
    #expect(Duration.seconds(2).spokenText == "2 seconds")
    #expect(Duration.seconds(1).spokenText == "1 second")
    #expect(Duration.milliseconds(1500).spokenText == "1.5 seconds")
    #expect(Duration.milliseconds(200).spokenText == "200 milliseconds")
  }

  @Test func socketDirectoryOfAPath() {
    #expect(PrivateDirectory.parent(of: "/tmp/a/control.sock") == "/tmp/a")
    #expect(PrivateDirectory.parent(of: "/control.sock") == "/")
    #expect(PrivateDirectory.parent(of: "control.sock") == ".")
  }

  @Test func defaultPathUsesTheGivenUID() {
    #expect(
      ControlSocket.defaultPath(environment: [:], userID: 1234)
        == "/tmp/tradehost-1234/control.sock")
  }
}
