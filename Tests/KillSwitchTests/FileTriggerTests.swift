import Glibc
import HostTestKit
import KillSwitch
import Testing

@Suite("FileTrigger: an action per trigger file, through inotify")
struct FileTriggerTests {
  private typealias Outcome = Result<TriggerAction, FileTriggerError>

  /// A started trigger on `<fresh directory>/trigger`, with what its handler got.
  private final class Rig {
    let directory: TemporaryDirectory
    let path: String
    let outcomes = Recorder<Outcome>()
    let trigger: FileTrigger

    init(disposal: TriggerFileDisposal = .renameToDone, before: (String) throws -> Void = { _ in })
      throws
    {
      directory = try TemporaryDirectory()
      path = directory.file("trigger")
      try before(path)
      let outcomes = self.outcomes
      trigger = FileTrigger(path: path, disposal: disposal) { outcomes.record($0) }
      try trigger.start()
    }

    deinit {
      trigger.stop()
      directory.remove()
    }
  }

  @Test func firesWhenAWriterClosesANewFile() throws {
    let rig = try Rig()
    try writeFile(rig.path, "pause\n")
    #expect(rig.outcomes.waitFor(1))
    #expect(rig.outcomes.all == [.success(.pause)])
    // Renamed before the handler ran, so the next creation is a new file.
    #expect(!fileExists(rig.path))
    #expect(readFile(rig.path + ".done") == "pause\n")
  }

  @Test func aFileIsReadOnlyOnceItsWriterIsDone() throws {
    // Reading at IN_CREATE would see an empty file (kill) or "res"; only the close counts.
    let rig = try Rig()
    try writeFile(rig.path, "res", "ume")
    #expect(rig.outcomes.waitFor(1))
    #expect(rig.outcomes.all.first == .success(.resume))
  }

  @Test func firesWhenAFileIsRenamedIntoPlace() throws {
    let rig = try Rig()
    let staging = rig.directory.file("trigger.tmp")
    try writeFile(staging, "reduce")
    #expect(rename(staging, rig.path) == 0)
    #expect(rig.outcomes.waitFor(1))
    try writeFile(rig.path, "resume")
    #expect(rig.outcomes.waitFor(2))
    // The staging file's own close fired nothing.
    #expect(rig.outcomes.all == [.success(.reduce), .success(.resume)])
  }

  @Test func firesForAFilePresentAtStart() throws {
    let rig = try Rig(before: { try writeFile($0) })
    #expect(rig.outcomes.waitFor(1))
    #expect(rig.outcomes.all == [.success(.kill)])
    #expect(!fileExists(rig.path))
  }

  @Test func firesForASymlinkCreatedIntoPlace() throws {
    // A symlink gets IN_CREATE and no IN_CLOSE_WRITE.
    let rig = try Rig(disposal: .remove)
    let target = rig.directory.file("elsewhere")
    try writeFile(target, "pause")
    #expect(symlink(target, rig.path) == 0)
    #expect(rig.outcomes.waitFor(1))
    #expect(rig.outcomes.all == [.success(.pause)])
    #expect(!fileExists(rig.path))
    #expect(readFile(target) == "pause")
  }

  @Test func parsesEachActionFromAFile() throws {
    let rig = try Rig(disposal: .remove)
    let contents = ["kill", "  REDUCE\n", "pause", "resume\r\n", ""]
    for (index, content) in contents.enumerated() {
      try writeFile(rig.path, content)
      #expect(rig.outcomes.waitFor(index + 1))
    }
    #expect(
      rig.outcomes.all == [
        .success(.kill), .success(.reduce), .success(.pause), .success(.resume), .success(.kill),
      ])
  }

  @Test func unknownContentIsReportedAndNotActedOn() throws {
    let rig = try Rig()
    try writeFile(rig.path, "  launch rockets \n")
    #expect(rig.outcomes.waitFor(1))
    let expected = FileTriggerError.unknownAction(path: rig.path, content: "launch rockets")
    #expect(rig.outcomes.all == [.failure(expected)])
    #expect(expected.description.contains("says 'launch rockets', which is not an action"))
    #expect(!fileExists(rig.path))
  }

  @Test func firesOncePerCreation() throws {
    let rig = try Rig()
    try writeFile(rig.path, "pause")
    #expect(rig.outcomes.waitFor(1))
    try writeFile(rig.path, "resume")
    #expect(rig.outcomes.waitFor(2))
    try writeFile(rig.path, "kill")
    #expect(rig.outcomes.waitFor(3))
    // A second call for any creation would sit before the next creation's call.
    #expect(rig.outcomes.all == [.success(.pause), .success(.resume), .success(.kill)])
    #expect(readFile(rig.path + ".done") == "kill")
  }

  @Test func removalLeavesNoFileBehind() throws {
    let rig = try Rig(disposal: .remove)
    try writeFile(rig.path, "pause")
    #expect(rig.outcomes.waitFor(1))
    #expect(!fileExists(rig.path))
    #expect(!fileExists(rig.path + ".done"))
  }

  @Test func aLargeFileOrADirectoryIsReportedNotActedOn() throws {
    let rig = try Rig()
    try writeFile(rig.path, String(repeating: "k", count: FileTrigger.contentLimit + 1))
    #expect(rig.outcomes.waitFor(1))
    #expect(mkdir(rig.path, 0o755) == 0)
    #expect(rig.outcomes.waitFor(2))
    #expect(
      rig.outcomes.all == [
        .failure(.tooLarge(path: rig.path, limit: FileTrigger.contentLimit)),
        .failure(.notARegularFile(path: rig.path)),
      ])
  }

  @Test func stopEndsTheThreadAndLaterFilesAreLeftAlone() throws {
    let rig = try Rig()
    rig.trigger.stop()  // Returns once the thread is joined.
    try writeFile(rig.path, "kill")
    rig.trigger.stop()  // Idempotent.
    #expect(rig.outcomes.all.isEmpty)
    #expect(readFile(rig.path) == "kill")
    #expect(throws: FileTriggerError.alreadyStarted(path: rig.path)) { try rig.trigger.start() }
  }

  @Test func theHandlerMayStopTheTrigger() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let path = directory.file("trigger")
    let outcomes = Recorder<Outcome>()
    let holder = Box()
    let trigger = FileTrigger(path: path) { outcome in
      holder.trigger?.stop()
      outcomes.record(outcome)
    }
    holder.trigger = trigger
    try trigger.start()
    try writeFile(path, "kill")
    #expect(outcomes.waitFor(1))
    trigger.stop()
    #expect(outcomes.all == [.success(.kill)])
    holder.trigger = nil
  }

  @Test func aDeletedDirectoryIsReported() throws {
    let rig = try Rig()
    #expect(rmdir(rig.directory.path) == 0)
    #expect(rig.outcomes.waitFor(1))
    #expect(rig.outcomes.all == [.failure(.directoryGone(directory: rig.directory.path))])
  }

  @Test func aMissingDirectoryIsAClearError() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let missing = directory.file("missing")
    let path = missing + "/trigger"
    let trigger = FileTrigger(path: path) { _ in }
    let expected = FileTriggerError.directoryMissing(directory: missing, path: path)
    #expect(throws: expected) { try trigger.start() }
    #expect(
      expected.description
        == "cannot watch for the trigger file \(path): its directory \(missing) does not exist "
        + "(create it first)")
  }

  @Test func aParentThatIsAFileIsAClearError() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let file = directory.file("plain")
    try writeFile(file, "x")
    let path = file + "/trigger"
    #expect(throws: FileTriggerError.notADirectory(directory: file, path: path)) {
      try FileTrigger(path: path) { _ in }.start()
    }
  }

  @Test(arguments: ["", "/tmp/", "/tmp/..", "a\u{0}b", "."])
  func unusablePathsAreRefused(path: String) {
    #expect(throws: FileTriggerError.invalidPath(path)) {
      try FileTrigger(path: path) { _ in }.start()
    }
  }
}

/// Lets a handler reach the trigger it belongs to.
private final class Box: @unchecked Sendable {
  // @unchecked Sendable: written before `start()` and after the last handler call, read only
  // by the handler in between (the writes happen-before through start/stop's locks).
  var trigger: FileTrigger?
}
