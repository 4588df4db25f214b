import Foundation
import HostTestKit
import Testing

/// The CLI prints one line per problem and exits 1 for every bad fixture, 0 for good ones, and
/// never crashes (a crash would be a signal status, not 0 or 1).
@Suite("tradehost plugins")
struct PluginsCommandTests {
  static let badFixtures: [(String, String)] = [
    ("abi-major-mismatch", "plugin ABI major 2 is not supported (host ABI major 1)"),
    ("needs-newer-host", "plugin needs host ABI 1.9, but this host implements 1.5"),
    ("short-vtable", "th_strategy_vtable struct_size 20 is shorter than ABI 1.0's 72 bytes"),
    ("short-descriptor", "descriptor struct_size 16 is shorter than ABI 1.0's 56 bytes"),
    ("null-function", "required function th_strategy_vtable.on_bar is NULL"),
    ("missing-entry", "entry symbol tradehost_plugin_entry is not exported"),
    ("null-entry", "entry function tradehost_plugin_entry returned NULL"),
    ("kind-mismatch", "manifest says kind indicator, but the library's descriptor says strategy"),
    ("checksum-mismatch", "sha256 mismatch: manifest expects 0000"),
    ("toolchain-mismatch", "library is built with swift-6.2.0 but this host is swift-6.3.1"),
    ("toolchain-missing", "library is built with Swift but its manifest has no `toolchain`"),
    ("not-elf", "not an ELF shared library: the file does not start with the ELF magic number"),
    ("library-missing", "library file not found"),
    ("manifest-abi-2", "manifest declares abi 2.0, but this host implements ABI 1.5"),
  ]

  @Test("validate: each bad plugin gives its message and exit code 1", arguments: badFixtures)
  func validateBad(name: String, message: String) throws {
    let output = try CLI.run(["plugins", "validate", "Tests/Fixtures/plugins/\(name).yaml"])
    #expect(output.status == 1)
    let lines = output.stderr.split(separator: "\n").map(String.init)
    #expect(lines.count == 2)  // the problem, then the summary
    #expect(lines.first?.hasPrefix("\(name): ") == true)
    #expect(lines.first?.contains(message) == true, "\(output.stderr)")
    #expect(lines.last == "1 problem in 1 manifest")
  }

  @Test("validate: good plugins exit 0")
  func validateGood() throws {
    let output = try CLI.run([
      "plugins", "validate", "Tests/Fixtures/plugins/fixture-good.yaml",
      "Tests/Fixtures/plugins/newer-minor.yaml",
    ])
    #expect(output.status == 0, "\(output.stderr)")
    #expect(output.stdout.contains("fixture-good: ok (strategy 1.0.0"))
    #expect(output.stdout.contains("newer-minor: ok"))
    #expect(output.stderr.isEmpty)
  }

  @Test("validate: the shipped manifests are all valid")
  func validateShipped() throws {
    let output = try CLI.run(["plugins", "validate"])
    #expect(output.status == 0, "\(output.stderr)")
    #expect(output.stdout.contains("ema-cross: ok (strategy"))
    // Every shipped library is recorded in the plugins.lock that `make plugins` wrote.
    #expect(output.stderr.isEmpty, "\(output.stderr)")
  }

  @Test(
    "validate: every shipped plugin loads under a soft limit of 10 descriptors",
    .enabled(
      if: FileManager.default.isExecutableFile(atPath: "/usr/bin/prlimit"), "needs prlimit"))
  func lowDescriptorLimit() throws {
    // Each loaded image keeps its sealed memory file open for good, so the loader raises the
    // soft limit to the hard one; without that, the seventh plugin here found none left.
    var limit = rlimit()
    #expect(getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0)
    let output = try CLI.run(
      ["plugins", "validate"], launcher: ["/usr/bin/prlimit", "--nofile=10:\(limit.rlim_max)"])
    #expect(output.status == 0, "\(output.stderr)")
    #expect(output.stdout.contains("sma: ok"))
  }

  @Test("validate: a folder with bad fixtures lists every problem and counts them")
  func validateFolder() throws {
    let output = try CLI.run(["plugins", "validate", "Tests/Fixtures/plugins"])
    #expect(output.status == 1)
    for (name, message) in Self.badFixtures {
      #expect(output.stderr.contains("\(name): "), "\(name) missing")
      #expect(output.stderr.contains(message), "\(message) missing")
    }
  }

  @Test("validate: manifest problems are one line each with file and line")
  func validateManifestProblems() throws {
    let directory = NSTemporaryDirectory() + "cli-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let path = directory + "/bad.yaml"
    try
      "id: bad\nkind: gadget\nversion: 1.0.0\nabi: \"1.0\"\nlibrary: x.so\ndescription: d\ncolour: red\n"
      .write(toFile: path, atomically: true, encoding: .utf8)
    let output = try CLI.run(["plugins", "validate", "--manifest-only", path])
    #expect(output.status == 1)
    #expect(output.stderr.contains("\(path):2:"))
    #expect(output.stderr.contains("\(path):7:"))
    #expect(output.stderr.contains("2 problems in 1 manifest"))
  }

  @Test("validate: a YAML syntax error")
  func yamlSyntax() throws {
    let directory = NSTemporaryDirectory() + "cli-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let path = directory + "/syntax.yaml"
    try "id: x\nkind: [strategy\n".write(toFile: path, atomically: true, encoding: .utf8)
    let output = try CLI.run(["plugins", "validate", path])
    #expect(output.status == 1)
    #expect(output.stderr.contains("\(path):"))
  }

  @Test("list: a table of the shipped plugins")
  func list() throws {
    let output = try CLI.run(["plugins", "list"])
    #expect(output.status == 0, "\(output.stderr)")
    let lines = output.stdout.split(separator: "\n")
    #expect(lines.first?.hasPrefix("ID") == true)
    #expect(lines.first?.contains("STATUS") == true)
    let row = try #require(lines.first { $0.hasPrefix("ema-cross ") })
    #expect(row.contains("strategy"))
    #expect(row.contains("1.1.0"))
    #expect(row.hasSuffix("loaded"))
  }

  @Test("list: errors show in the table and are explained below it")
  func listFixtures() throws {
    let output = try CLI.run(["plugins", "list", "--manifests", "Tests/Fixtures/plugins"])
    #expect(output.status == 0)
    #expect(output.stdout.contains("error: ABI major mismatch"))
    #expect(output.stdout.contains("error: checksum mismatch"))
    #expect(output.stderr.contains("abi-major-mismatch: "))
  }

  @Test("list: a missing folder is an error")
  func listMissingFolder() throws {
    let output = try CLI.run(["plugins", "list", "--manifests", "/nonexistent"])
    #expect(output.status == 2)
    #expect(output.stderr.contains("/nonexistent"))
  }

  @Test("version")
  func version() throws {
    let output = try CLI.run(["version"])
    #expect(output.status == 0)
    #expect(output.stdout.contains("plugin ABI 1.5"))
    #expect(output.stdout.contains("toolchain swift-6.3.1"))
  }
}
