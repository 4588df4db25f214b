import Foundation
import Glibc
import HostTestKit
import Risk
import Testing

/// Every file in the state folder is private to its owner (0600) from the moment it exists,
/// whatever the umask, and the denial journal is bounded on disk by rotation.
@Suite("State files: private, bounded")
struct StateFilePermissionTests {
  @Test("risk-state.json is written 0600, also when it replaces a file others could read")
  func riskStateIsPrivate() throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("risk-state.json")
    try RiskStateFile.save(RiskStateSnapshot(account: .init(LatchedState())), to: path)
    #expect(permissionBits(path) == 0o600)
    // A file left readable by an older host (it wrote 0644) is replaced by a private one.
    #expect(chmod(path, 0o644) == 0)
    try RiskStateFile.save(RiskStateSnapshot(account: .init(LatchedState())), to: path)
    #expect(permissionBits(path) == 0o600)
    // No temporary file is left beside it.
    let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
    #expect(names == ["risk-state.json"])
  }

  @Test("append-only files (audit log, denial journal) are created 0600 and refuse a symlink")
  func appendOnlyIsPrivate() throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("audit.jsonl")
    let file = try AppendOnlyFile(path: path, what: "audit log")
    #expect(file.append("{}\n", sync: true) == nil)
    #expect(permissionBits(path) == 0o600)
    // A link planted where the journal goes would send the records elsewhere: refused.
    let link = directory.file("denials.jsonl")
    #expect(symlink(directory.file("elsewhere"), link) == 0)
    let error = #expect(throws: RiskError.self) {
      _ = try AppendOnlyFile(path: link, what: "denial journal")
    }
    #expect(error?.description.hasPrefix("cannot open the denial journal \(link):") == true)
    #expect(!FileManager.default.fileExists(atPath: directory.file("elsewhere")))
  }

  @Test("a rotating journal moves the full file to .1 and starts a new one: disk use is bounded")
  func rotation() throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("denials.jsonl")
    let record = String(repeating: "x", count: 99) + "\n"  // 100 bytes
    let journal = try RotatingFile(path: path, what: "denial journal", limit: 1_000)
    for _ in 0..<10 { #expect(journal.append(record, sync: false) == nil) }
    // Exactly full: not rotated yet.
    #expect(fileLines(path).count == 10)
    #expect(!FileManager.default.fileExists(atPath: journal.rotatedPath))
    for _ in 0..<35 { #expect(journal.append(record, sync: false) == nil) }
    // 45 records: 40 went to two full files that were rotated (the older one replaced), the
    // newest 5 are in the current file, the 10 before them in .1.
    #expect(fileLines(path).count == 5)
    #expect(fileLines(journal.rotatedPath).count == 10)
    #expect(permissionBits(path) == 0o600)
    #expect(permissionBits(journal.rotatedPath) == 0o600)
    let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    #expect(names == ["denials.jsonl", "denials.jsonl.1"])
  }

  @Test("a reopened journal continues the existing file and counts its size")
  func reopenCountsExistingSize() throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("denials.jsonl")
    let record = String(repeating: "y", count: 49) + "\n"  // 50 bytes
    do {
      let journal = try RotatingFile(path: path, what: "denial journal", limit: 200)
      for _ in 0..<3 { journal.append(record, sync: false) }
    }
    let journal = try RotatingFile(path: path, what: "denial journal", limit: 200)
    journal.append(record, sync: false)
    #expect(fileLines(path).count == 4)
    journal.append(record, sync: false)
    #expect(fileLines(path).count == 1)
    #expect(fileLines(journal.rotatedPath).count == 4)
  }

  @Test("a record longer than the limit is written whole, to a fresh file")
  func oversizedRecord() throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("denials.jsonl")
    let journal = try RotatingFile(path: path, what: "denial journal", limit: 10)
    journal.append("short\n", sync: false)
    journal.append(String(repeating: "z", count: 30) + "\n", sync: false)
    #expect(fileLines(path) == [String(repeating: "z", count: 30)])
    #expect(fileLines(journal.rotatedPath) == ["short"])
  }
}
