import Control
import Dispatch
import HostTestKit
import Testing

@Suite("Control server robustness: silent, slow, vanishing and many clients")
struct RobustnessTests {
  @Test func silentClientDoesNotBlockAnother() throws {
    let directory = try TemporaryDirectory(prefix: "ctl")
    try withServer(in: directory, readTimeout: .seconds(2)) { path in
      let silent = try RawConnection(path: path)
      // Answered at once, well before the silent client's 2 s read timeout runs out.
      let start = ContinuousClock.now
      let response = try ControlClient.send(
        ControlRequest(command: "status"), to: path, timeout: .seconds(1))
      #expect(response.ok)
      #expect(ContinuousClock.now - start < .seconds(1))
      #expect(silent.readLine(timeout: .zero) == nil)  // Still connected, still unanswered.
    }
  }

  @Test func silentClientGetsAnErrorAfterTheReadTimeout() throws {
    let directory = try TemporaryDirectory(prefix: "ctl")
    try withServer(in: directory, readTimeout: .milliseconds(200)) { path in
      let silent = try RawConnection(path: path)
      #expect(
        silent.readLine(timeout: .seconds(5))
          == #"{"error":"no complete request arrived within 200 milliseconds","ok":false}"#)
    }
  }

  @Test func clientThatLeavesBeforeTheAnswerDoesNotHurtTheServer() throws {
    let directory = try TemporaryDirectory(prefix: "ctl")
    let release = DispatchSemaphore(value: 0)
    var handlers = FakeHost().handlers
    handlers.register("slow") { _ in
      _ = release.wait(timeout: .now() + 5)
      return .success(["payload": .string(String(repeating: "x", count: 100_000))])
    }
    try withServer(in: directory, handlers: handlers) { path in
      do {
        let leaving = try RawConnection(path: path)
        leaving.send(#"{"command":"slow"}"# + "\n")
      }  // Closed here, before the handler may answer: the answer meets EPIPE.
      release.signal()
      #expect(try status(at: path).ok)
    }
  }

  @Test func manyClientsAtOnceAreAllAnswered() throws {
    let directory = try TemporaryDirectory(prefix: "ctl")
    try withServer(in: directory) { path in
      let answered = Counter()
      DispatchQueue.concurrentPerform(iterations: 16) { _ in
        if (try? ControlClient.send(ControlRequest(command: "status"), to: path))?.ok == true {
          answered.increment()
        }
      }
      #expect(answered.value == 16)
    }
  }

  @Test func clientTimesOutOnAHandlerThatDoesNotReturn() throws {
    let directory = try TemporaryDirectory(prefix: "ctl")
    let release = DispatchSemaphore(value: 0)
    let handlers: ControlHandlers = [
      "hang": { _ in
        _ = release.wait(timeout: .now() + 5)
        return .success()
      }
    ]
    try withServer(in: directory, handlers: handlers) { path in
      let error = #expect(throws: ControlError.self) {
        try ControlClient.send(
          ControlRequest(command: "hang"), to: path, timeout: .milliseconds(200))
      }
      release.signal()
      #expect(error == .timedOut(path: path, after: .milliseconds(200)))
      #expect(error?.description == "the host at \(path) did not answer within 200 milliseconds")
    }
  }

  @Test func malformedResponseIsAClearError() throws {
    let directory = try TemporaryDirectory(prefix: "ctl")
    let path = directory.file("fake.sock")
    let fake = try FakeServer(path: path, reply: "hello\n")
    defer { fake.finish() }
    let error = #expect(throws: ControlError.self) {
      try ControlClient.send(ControlRequest(command: "status"), to: path)
    }
    #expect(
      error
        == .malformedResponse(
          path: path,
          problem: "it is not valid JSON: expected a JSON value, found 'h' (column 1)"))
    #expect(
      error?.description
        == "the host at \(path) sent a malformed response: it is not valid JSON: "
        + "expected a JSON value, found 'h' (column 1)")
  }

  @Test func hostThatClosesWithoutAnsweringIsAClearError() throws {
    let directory = try TemporaryDirectory(prefix: "ctl")
    let path = directory.file("fake.sock")
    let fake = try FakeServer(path: path, reply: "")
    defer { fake.finish() }
    #expect(throws: ControlError.connectionClosed(path: path)) {
      try ControlClient.send(ControlRequest(command: "status"), to: path)
    }
  }
}
