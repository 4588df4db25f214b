import Control
import HostTestKit
import Testing

@Suite("Control protocol: requests and responses over a live socket")
struct ProtocolTests {
  @Test func statusRoundTrip() throws {
    let directory = try TemporaryDirectory(prefix: "ctl")
    try withServer(in: directory) { path in
      let response = try ControlClient.send(ControlRequest(command: "status"), to: path)
      #expect(response == .success(["state": "running", "paused": false]))
      #expect(response.ok)
      #expect(response.error == nil)
    }
  }

  @Test func pauseWithArgumentsThenStatusThenResume() throws {
    let directory = try TemporaryDirectory(prefix: "ctl")
    try withServer(in: directory) { path in
      let pause = ControlRequest(command: "pause", arguments: ["reason": "news at 14:30"])
      let paused = try ControlClient.send(pause, to: path)
      #expect(paused == .success(["paused": true, "reason": "news at 14:30"]))
      let status = try ControlClient.send(ControlRequest(command: "status"), to: path)
      #expect(status == .success(["state": "running", "paused": true]))
      let resumed = try ControlClient.send(ControlRequest(command: "resume"), to: path)
      #expect(resumed == .success(["paused": false]))
      let again = try ControlClient.send(ControlRequest(command: "resume"), to: path)
      #expect(again == .failure("the host is not paused"))
    }
  }

  @Test func unknownCommandListsTheKnownOnes() throws {
    let directory = try TemporaryDirectory(prefix: "ctl")
    try withServer(in: directory) { path in
      let response = try ControlClient.send(ControlRequest(command: "x"), to: path)
      #expect(response == .failure("unknown command 'x'; known: pause, resume, status, stop"))
      #expect(!response.ok)
      #expect(response.result == .null)
    }
  }

  @Test func unknownCommandWithNoHandlers() throws {
    let directory = try TemporaryDirectory(prefix: "ctl")
    try withServer(in: directory, handlers: ControlHandlers()) { path in
      let response = try ControlClient.send(ControlRequest(command: "status"), to: path)
      #expect(response == .failure("unknown command 'status'; known: none"))
    }
  }

  @Test func responseLineIsCompactJSONWithSortedKeys() throws {
    let directory = try TemporaryDirectory(prefix: "ctl")
    try withServer(in: directory) { path in
      let connection = try RawConnection(path: path)
      connection.send(#"{"command":"status"}"# + "\n")
      #expect(connection.readLine() == #"{"ok":true,"result":{"paused":false,"state":"running"}}"#)
      let failure = try RawConnection(path: path)
      failure.send(#"{"command":"nope"}"# + "\n")
      #expect(
        failure.readLine()
          == #"{"error":"unknown command 'nope'; known: pause, resume, status, stop","ok":false}"#)
    }
  }

  @Test func requestWithoutFinalNewlineIsAnsweredAtEndOfStream() throws {
    let directory = try TemporaryDirectory(prefix: "ctl")
    try withServer(in: directory) { path in
      let connection = try RawConnection(path: path)
      connection.send(#"{"command": "status", "arguments": {}}"#)
      connection.finishSending()
      #expect(connection.readLine() == #"{"ok":true,"result":{"paused":false,"state":"running"}}"#)
    }
  }

  @Test(
    "Malformed requests get one sentence naming the problem",
    arguments: [
      (
        #"{"command": "status",}"#,
        "the request is not valid JSON: expected a string key, found '}' (column 22)"
      ),
      (#"status"#, "the request is not valid JSON: expected a JSON value, found 's' (column 1)"),
      (
        #"{"command": "status""#,
        "the request is not valid JSON: expected ',' or '}' after an object member, "
          + "found the end of the text (column 21)"
      ),
      (#"["status"]"#, "the request must be a JSON object, found an array"),
      (#"{}"#, #"the request has no "command""#),
      (#"{"command": 7}"#, #""command" must be a non-empty string, found a number"#),
      (#"{"command": ""}"#, #""command" must be a non-empty string, found an empty string"#),
      (
        #"{"command": "pause", "arguments": {"minutes": 5}}"#,
        #"argument "minutes" must be a string, found a number"#
      ),
      (
        #"{"command": "pause", "arguments": ["x"]}"#,
        #""arguments" must be an object of strings, found an array"#
      ),
      (
        #"{"command": "pause", "argument": {"reason": "x"}}"#,
        #"unknown key "argument" in the request; the keys are "command" and "arguments""#
      ),
      (
        #"{"command": "a", "command": "b"}"#,
        #"the request is not valid JSON: duplicate key "command" (column 18)"#
      ),
      ("   ", "the request is empty; send one JSON object on one line"),
    ])
  func malformedRequest(line: String, expected: String) throws {
    let directory = try TemporaryDirectory(prefix: "ctl")
    try withServer(in: directory) { path in
      let connection = try RawConnection(path: path)
      connection.send(line + "\n")
      let answer = try #require(connection.readLine())
      #expect(answer == JSONValue.object(["ok": false, "error": .string(expected)]).jsonText)
    }
  }

  @Test func invalidUTF8IsRefused() throws {
    let directory = try TemporaryDirectory(prefix: "ctl")
    try withServer(in: directory) { path in
      let connection = try RawConnection(path: path)
      connection.send(Array(#"{"command": "st"#.utf8) + [0xFF, 0xFE] + Array("\"}\n".utf8))
      #expect(
        connection.readLine()
          == #"{"error":"the request is not valid JSON: the string is not valid UTF-8 (column 13)","ok":false}"#
      )
    }
  }

  @Test func oversizedRequestLineIsRefusedAndClosed() throws {
    let directory = try TemporaryDirectory(prefix: "ctl")
    try withServer(in: directory) { path in
      let connection = try RawConnection(path: path)
      // More than 64 KiB without a newline; the server may close before it has all of it.
      connection.send([UInt8](repeating: UInt8(ascii: "a"), count: 70_000))
      let answer = try #require(connection.readLine())
      #expect(
        answer
          == #"{"error":"the request line is longer than the limit of 65536 bytes; "#
          + #"send one request of at most 65536 bytes per line","ok":false}"#)
      // The server still serves others.
      #expect(try status(at: path).ok)
    }
  }

  @Test func requestOfExactly64KiBIsAccepted() throws {
    let directory = try TemporaryDirectory(prefix: "ctl")
    let echo: ControlHandlers = [
      "echo": { request in .success(["bytes": .integer(Int64(request.arguments["pad"]!.count))]) }
    ]
    try withServer(in: directory, handlers: echo) { path in
      // The client writes keys sorted: {"arguments":{"pad":"..."},"command":"echo"}.
      let frame = #"{"arguments":{"pad":""},"command":"echo"}"#
      let pad = String(repeating: "p", count: ControlSocket.maximumRequestBytes - frame.utf8.count)
      let request = ControlRequest(command: "echo", arguments: ["pad": pad])
      let response = try ControlClient.send(request, to: path)
      #expect(response == .success(["bytes": .integer(Int64(pad.count))]))
    }
  }

  @Test func clientRefusesToSendMoreThan64KiB() throws {
    let directory = try TemporaryDirectory(prefix: "ctl")
    try withServer(in: directory) { path in
      let pad = String(repeating: "p", count: ControlSocket.maximumRequestBytes)
      let bytes = #"{"arguments":{"pad":""},"command":"echo"}"#.utf8.count + pad.utf8.count
      #expect(throws: ControlError.requestTooLarge(bytes: bytes, limit: 65_536)) {
        try ControlClient.send(ControlRequest(command: "echo", arguments: ["pad": pad]), to: path)
      }
    }
  }
}
