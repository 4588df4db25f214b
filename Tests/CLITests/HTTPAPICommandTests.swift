import Control
import Foundation
import HTTPAPI
import HostTestKit
import Testing

/// `tradehost run --http 127.0.0.1:0`: every endpoint of docs/openapi.yaml answered by a real
/// host, each answer checked against the document (status listed, required fields, types); the
/// token printed once on the terminal and never by the API or in the log.
@Suite(.serialized) struct HTTPAPICommandTests {
  /// The host, its HTTP client and token.
  final class Host {
    let folder: TemporaryDirectory
    let running: RunningHost
    let client: HTTPTestClient
    let token: String
    let startLines: String

    init() throws {
      folder = try TemporaryDirectory()
      running = try RunningHost(
        socket: folder.file("control.sock"),
        arguments: [
          "--http", "127.0.0.1:0", "--http-rate", "1000", "--interval-ms", "5",
          "--report-every", "0", "--state-dir", folder.file("state"), "--param", "fast_period=2",
          "--param", "slow_period=3", "--on-stop", "keep", "--no-watch",
        ])
      startLines = running.lastRead
      guard let line = startLines.split(separator: "\n").first(where: { $0.hasPrefix("dashboard: http://") }),
        let portText = line.split(separator: "127.0.0.1:").dropFirst().first?.prefix(while: \.isNumber),
        let port = Int(portText),
        let tokenPart = line.split(separator: "#token=").dropFirst().first
      else { throw HTTPTestClient.Failure(description: "no dashboard line in: \(startLines)") }
      client = HTTPTestClient(port: port)
      token = String(tokenPart.prefix(while: { !$0.isWhitespace }))
    }

    /// Polls `/status` until `fills` is at least `count` (bounded by `CLI.deadline`).
    func waitForFills(_ count: Int64) throws {
      let deadline = Date().addingTimeInterval(CLI.deadline)
      while Date() < deadline {
        let status = try client.send("GET", "/status", token: token)
        if case .integer(let fills)? = json(status)?["result"]?["fills"], fills >= count { return }
        usleep(20_000)
      }
      throw HTTPTestClient.Failure(description: "no \(count) fills within \(CLI.deadline) s")
    }

    func json(_ answer: HTTPTestClient.Answer) -> JSONValue? {
      try? JSONValue(jsonBytes: answer.body)
    }
  }

  @Test func everyEndpointAnswersAsTheOpenAPIDocumentSays() throws {
    let document = try OpenAPIDocument()
    let routes = Set(APIRoutes.all.map { "\($0.method.rawValue) \($0.path)" })
    #expect(document.operations == routes, "docs/openapi.yaml and APIRoutes list other endpoints")

    let host = try Host()
    defer {
      _ = try? host.running.stop()
      host.folder.remove()
    }
    let tokenFile = try String(contentsOfFile: host.folder.file("state/api-token"), encoding: .utf8)
    #expect(tokenFile.trimmingCharacters(in: .whitespacesAndNewlines) == host.token)
    try host.waitForFills(2)

    var exercised = Set<String>()
    var bodies: [String] = []
    func check(
      _ method: String, _ template: String, _ path: String, body: String? = nil,
      token: String?, expect status: Int
    ) throws {
      let answer = try host.client.send(
        method, path, body: Array((body ?? "").utf8), token: token)
      bodies.append(answer.text)
      #expect(answer.status == status, "\(method) \(path): \(answer.text)")
      guard let schema = document.schema(method, template, status: answer.status) else {
        Issue.record("docs/openapi.yaml lists no \(answer.status) for \(method) \(template)")
        return
      }
      guard let value = host.json(answer) else {
        Issue.record("\(method) \(path) answered no JSON: \(answer.text)")
        return
      }
      let problems = document.problems(value, schema)
      #expect(problems.isEmpty, "\(method) \(path): \(problems.joined(separator: "; "))")
      exercised.insert("\(method) \(template)")
    }

    let token = host.token
    try check("GET", "/health", "/health", token: nil, expect: 200)
    for path in ["/status", "/plugins", "/slots", "/positions", "/risk", "/denials"] {
      try check("GET", path, path, token: nil, expect: 401)
      try check("GET", path, path, token: token, expect: 200)
    }
    for path in ["/orders", "/fills", "/audit"] {
      try check("GET", path, path, token: token, expect: 200)
      try check("GET", path, path + "?limit=2", token: token, expect: 200)
      try check("GET", path, path + "?limit=0", token: token, expect: 409)
      try check("GET", path, path + "?limt=2", token: token, expect: 400)
    }
    let fills = try host.client.send("GET", "/fills?limit=1", token: token)
    if case .array(let rows)? = host.json(fills)?["result"]?["fills"] { #expect(rows.count == 1) }

    for action in ["pause", "resume", "reduce", "resume", "unfreeze"] {
      try check("POST", "/\(action)", "/\(action)", body: #"{"slot":"production"}"#, token: token, expect: 200)
    }
    try check("POST", "/pause", "/pause", body: #"{"slot":"nope"}"#, token: token, expect: 409)
    try check("POST", "/pause", "/pause", body: #"{"slot":"#, token: token, expect: 400)
    try check("POST", "/pause", "/pause", body: #"{"slott":"production"}"#, token: token, expect: 400)
    try check("POST", "/pause", "/pause", token: nil, expect: 401)
    try check(
      "POST", "/pause", "/pause", body: String(repeating: " ", count: 70_000), token: token,
      expect: 413)
    try check("POST", "/reload/{id}", "/reload/no-such-plugin", token: token, expect: 409)
    try check("POST", "/promote/{slot}", "/promote/nope", token: token, expect: 409)
    try check("POST", "/rollback/{slot}", "/rollback/nope", token: token, expect: 409)
    try check("POST", "/role/{slot}", "/role/production", body: #"{"role":"boss"}"#, token: token, expect: 409)

    // The risk state a pause leaves says since when, why and what clears it.
    try check("POST", "/pause", "/pause", body: #"{"slot":"production"}"#, token: token, expect: 200)
    let risk = host.json(try host.client.send("GET", "/risk", token: token))?["result"]
    let slot = risk?["slots"]?["production"]
    #expect(slot?["state"] == .string("paused"))
    #expect(slot?["reason"] == .string("paused by hand"))
    #expect(slot?["clears"]?["cli"] == .string("tradehost resume --slot production"))
    try check("POST", "/kill", "/kill", body: #"{"slot":"production"}"#, token: token, expect: 200)
    let audit = host.json(try host.client.send("GET", "/audit?limit=1", token: token))
    #expect(audit?["result"]?["records"]?.jsonText.contains("kill") == true)

    try checkMetrics(host)

    #expect(try host.client.send("GET", "/etc/passwd", token: token).status == 404)
    #expect(try host.client.send("DELETE", "/status", token: token).status == 405)
    #expect(exercised == routes, "not exercised: \(routes.subtracting(exercised).sorted())")

    // The token is printed once, on the terminal, and nowhere else.
    for body in bodies { #expect(!body.contains(token)) }
    let log = (try? String(contentsOfFile: host.folder.file("state/tradehost.log"), encoding: .utf8)) ?? ""
    #expect(!log.isEmpty)
    #expect(!log.contains(token))
  }

  /// `/metrics` needs the token and answers the text format: each family's samples together
  /// after its one `# TYPE`, the kernel's counters and the sampled latency moving.
  func checkMetrics(_ host: Host) throws {
    #expect(try host.client.send("GET", "/metrics").status == 401)
    let deadline = Date().addingTimeInterval(CLI.deadline)
    var events: Int64 = 0
    while events < 200, Date() < deadline {
      let status = host.json(try host.client.send("GET", "/status", token: host.token))
      if case .integer(let count)? = status?["result"]?["events"] { events = count }
      usleep(20_000)
    }
    let answer = try host.client.send("GET", "/metrics", token: host.token)
    #expect(answer.status == 200)
    #expect(answer.headers["content-type"]?.hasPrefix("text/plain; version=0.0.4") == true)
    var typed: [String] = []
    var sampleFamilies: [String] = []
    var samples: [String: Double] = [:]
    for line in answer.text.split(separator: "\n") {
      if line.hasPrefix("# TYPE ") {
        typed.append(String(line.split(separator: " ")[2]))
      } else if !line.hasPrefix("#") {
        let name = String(line.prefix { $0 != "{" && $0 != " " })
        let family = typed.last ?? ""
        #expect(name.hasPrefix(family), "\(name) outside its family \(family)")
        if sampleFamilies.last != family { sampleFamilies.append(family) }
        let value = line.split(separator: " ").last.flatMap { Double($0) }
        #expect(value != nil, "no value in '\(line)'")
        samples[String(line.split(separator: " ").dropLast().joined(separator: " "))] = value
      }
    }
    #expect(Set(typed).count == typed.count, "a family typed twice")
    #expect(Set(sampleFamilies).count == sampleFamilies.count, "a family's samples apart")
    #expect((samples[#"tradehost_events_total{kind="bar"}"#] ?? 0) >= 200)
    #expect((samples["tradehost_event_decision_seconds_count"] ?? 0) >= 3)
    #expect(samples[#"tradehost_event_decision_seconds_bucket{le="+Inf"}"#] == samples["tradehost_event_decision_seconds_count"])
    #expect(samples[#"tradehost_trading_state{scope="slot:production"}"#] == 3)
    #expect((samples["process_resident_memory_bytes"] ?? 0) > 1_000_000)
    #expect(samples[#"tradehost_slot_equity{slot="production"}"#] != nil)
    #expect(!answer.text.contains(host.token))
  }

  @Test func aBadHTTPAddressIsRefusedBeforeAnythingStarts() throws {
    let refused = try CLI.run(["run", "--http", "localhost", "--state-dir", "/nonexistent/x"])
    #expect(refused.status == 2)
    #expect(refused.stderr.contains("--http needs HOST:PORT"))
  }
}
