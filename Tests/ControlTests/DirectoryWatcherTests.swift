import Control
import Dispatch
import Glibc
import HostTestKit
import Synchronization
import Testing

@Suite("DirectoryWatcher: changed files reported in settled batches")
struct DirectoryWatcherTests {
  /// Short: for tests that change one thing at a time.
  private static let quick = Duration.milliseconds(20)
  /// Long enough that changes made back to back land in one batch even on a loaded machine.
  private static let batch = Duration.seconds(1)

  /// A started watcher on `directories`, with the batches its handler got.
  private final class Rig {
    let batches = Recorder<[String]>()
    let watcher: DirectoryWatcher

    init(_ directories: [String], settle: Duration) throws {
      let batches = self.batches
      watcher = DirectoryWatcher(directories: directories, settle: settle) { batches.record($0) }
      try watcher.start()
    }

    deinit {
      watcher.stop()
    }
  }

  @Test func reportsAFileItsWriterClosed() throws {
    let directory = try TemporaryDirectory(prefix: "ctl")
    let rig = try Rig([directory.path], settle: Self.quick)
    try writeFile(directory.file("ema.so"), "library")
    #expect(rig.batches.waitFor(1))
    #expect(rig.batches.all == [[directory.file("ema.so")]])
  }

  @Test func reportsAFileRenamedIntoPlace() throws {
    let directory = try TemporaryDirectory(prefix: "ctl")
    let staging = try TemporaryDirectory(prefix: "ctl")
    try writeFile(staging.file("ema.so.tmp"), "library")
    let rig = try Rig([directory.path], settle: Self.quick)
    #expect(rename(staging.file("ema.so.tmp"), directory.file("ema.so")) == 0)
    #expect(rig.batches.waitFor(1))
    #expect(rig.batches.all == [[directory.file("ema.so")]])
  }

  @Test func reportsASymbolicLinkCreatedIntoPlace() throws {
    // A symlink gets IN_CREATE and nothing else.
    let directory = try TemporaryDirectory(prefix: "ctl")
    let elsewhere = try TemporaryDirectory(prefix: "ctl")
    try writeFile(elsewhere.file("ema-2.so"), "library")
    let rig = try Rig([directory.path], settle: Self.quick)
    #expect(symlink(elsewhere.file("ema-2.so"), directory.file("ema.so")) == 0)
    #expect(rig.batches.waitFor(1))
    #expect(rig.batches.all == [[directory.file("ema.so")]])
  }

  @Test func aFileIsReportedWhenItsWriterIsDoneNotWhenCreated() throws {
    let directory = try TemporaryDirectory(prefix: "ctl")
    let rig = try Rig([directory.path], settle: Self.batch)
    let slow = open(directory.file("slow.so"), O_WRONLY | O_CREAT | O_CLOEXEC, 0o644)
    try #require(slow >= 0)
    #expect(write(slow, "half", 4) == 4)
    // Closed within the batch that holds slow.so's creation, which must not be in it.
    try writeFile(directory.file("fast.yaml"), "manifest")
    #expect(rig.batches.waitFor(1))
    #expect(rig.batches.all == [[directory.file("fast.yaml")]])
    close(slow)
    #expect(rig.batches.waitFor(2))
    #expect(rig.batches.all == [[directory.file("fast.yaml")], [directory.file("slow.so")]])
  }

  @Test func twoDirectoriesGiveOneSortedBatch() throws {
    let root = try TemporaryDirectory(prefix: "ctl")
    let manifests = root.file("manifests")
    let libraries = root.file("libraries")
    #expect(mkdir(manifests, 0o755) == 0)
    #expect(mkdir(libraries, 0o755) == 0)
    let rig = try Rig([manifests, libraries], settle: Self.batch)
    // Written in the opposite of sorted order.
    try writeFile(manifests + "/ema.yaml", "manifest")
    try writeFile(libraries + "/ema.so", "library")
    #expect(rig.batches.waitFor(1))
    #expect(rig.batches.all == [[libraries + "/ema.so", manifests + "/ema.yaml"]])
  }

  @Test func severalWritesToOneFileAreReportedOnce() throws {
    let directory = try TemporaryDirectory(prefix: "ctl")
    let library = directory.file("ema.so")
    let rig = try Rig([directory.path], settle: Self.batch)
    for piece in ["one", "two", "three"] { try writeFile(library, piece) }
    let staging = directory.file("ema.so.tmp")
    try writeFile(staging, "four")
    #expect(rename(staging, library) == 0)
    #expect(rig.batches.waitFor(1))
    // A later change: any further call for the first batch would come before its batch.
    try writeFile(directory.file("ema.yaml"), "manifest")
    #expect(rig.batches.waitFor(2))
    #expect(rig.batches.all == [[library, staging], [directory.file("ema.yaml")]])
  }

  @Test func stopFromAnotherThreadWaitsForTheHandlerAndEndsReports() throws {
    let directory = try TemporaryDirectory(prefix: "ctl")
    let entered = DispatchSemaphore(value: 0)
    let release = DispatchSemaphore(value: 0)
    let log = Recorder<String>()
    let watcher = DirectoryWatcher(directories: [directory.path], settle: Self.quick) { paths in
      entered.signal()
      _ = release.wait(timeout: .now() + .seconds(10))
      log.record("handler returned \(paths)")
    }
    try watcher.start()
    try writeFile(directory.file("a.so"), "library")
    #expect(entered.wait(timeout: .now() + .seconds(10)) == .success)
    DispatchQueue.global().async {
      log.record("stopping")
      watcher.stop()
      log.record("stopped")
    }
    #expect(log.waitFor(1))
    release.signal()
    #expect(log.waitFor(3))
    #expect(log.all == ["stopping", "handler returned [\"\(directory.file("a.so"))\"]", "stopped"])
    try expectNoReport(after: directory, since: log.all.count, of: log)
    watcher.stop()  // Idempotent.
  }

  @Test func theHandlerMayStopTheWatcher() throws {
    let directory = try TemporaryDirectory(prefix: "ctl")
    let reference = WatcherReference()
    let batches = Recorder<[String]>()
    let watcher = DirectoryWatcher(directories: [directory.path], settle: Self.quick) { paths in
      reference.watcher.withLock { $0 }?.stop()
      batches.record(paths)
    }
    reference.watcher.withLock { $0 = watcher }
    defer { reference.watcher.withLock { $0 = nil } }
    try watcher.start()
    try writeFile(directory.file("a.so"), "library")
    #expect(batches.waitFor(1))
    try expectNoReport(after: directory, since: 1, of: batches)
    #expect(batches.all == [[directory.file("a.so")]])
    watcher.stop()  // Returns at once: the thread has ended or is ending on its own.
  }

  @Test func aWatcherStartsOnce() throws {
    let directory = try TemporaryDirectory(prefix: "ctl")
    let watcher = DirectoryWatcher(directories: [directory.path], settle: nil) { _ in }
    #expect(watcher.settle == DirectoryWatcher.defaultSettle)
    try watcher.start()
    #expect(throws: DirectoryWatcherError.alreadyStarted) { try watcher.start() }
    watcher.stop()
    #expect(throws: DirectoryWatcherError.alreadyStarted) { try watcher.start() }
  }

  @Test func aMissingDirectoryIsNamed() throws {
    let directory = try TemporaryDirectory(prefix: "ctl")
    let missing = directory.file("missing")
    // The first directory is fine: the error names the second.
    let watcher = DirectoryWatcher(directories: [directory.path, missing]) { _ in }
    let expected = DirectoryWatcherError.directoryMissing(missing)
    #expect(throws: expected) { try watcher.start() }
    #expect(
      expected.description
        == "cannot watch the directory \(missing): it does not exist (create it first)")
  }

  @Test func aFileIsNotADirectory() throws {
    let directory = try TemporaryDirectory(prefix: "ctl")
    let file = directory.file("plain")
    try writeFile(file, "x")
    #expect(throws: DirectoryWatcherError.notADirectory(file)) {
      try DirectoryWatcher(directories: [file]) { _ in }.start()
    }
  }

  @Test(arguments: ["", "/tmp\u{0}/etc"])
  func unusablePathsAreRefused(path: String) {
    #expect(throws: DirectoryWatcherError.invalidDirectory(path)) {
      try DirectoryWatcher(directories: ["/tmp", path]) { _ in }.start()
    }
  }

  @Test func limitErrorsNameTheLimit() {
    let watch = DirectoryWatcherError.cannotWatch(directory: "/srv/plugins", errno: ENOSPC)
    #expect(
      watch.description
        == "cannot watch the directory /srv/plugins: \(SystemError.message(ENOSPC)) "
        + "(the per-user inotify limit fs.inotify.max_user_watches may be reached)")
    let denied = DirectoryWatcherError.cannotWatch(directory: "/srv/plugins", errno: EACCES)
    #expect(!denied.description.contains("limit"))
  }

  /// Makes a change in `directory` and waits until a fresh watcher with a longer settle has
  /// reported it; `recorder`, which had `count` values, must have no more then. A stopped
  /// watcher that still ran would have reported the change before the fresh one.
  private func expectNoReport<Value>(
    after directory: borrowing TemporaryDirectory, since count: Int, of recorder: Recorder<Value>
  ) throws {
    let witness = try Rig([directory.path], settle: Self.quick * 10)
    try writeFile(directory.file("after-stop.so"), "library")
    #expect(witness.batches.waitFor(1))
    #expect(witness.batches.all == [[directory.file("after-stop.so")]])
    #expect(recorder.all.count == count)
  }

  private final class WatcherReference: Sendable {
    let watcher = Mutex<DirectoryWatcher?>(nil)
  }

  /// Creates or truncates `path`, writes `content`, closes: IN_CLOSE_WRITE.
  private func writeFile(_ path: String, _ content: String) throws {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    try #require(descriptor >= 0, "open \(path): errno \(errno)")
    defer { close(descriptor) }
    let bytes = Array(content.utf8)
    try #require(write(descriptor, bytes, bytes.count) == bytes.count)
  }
}
