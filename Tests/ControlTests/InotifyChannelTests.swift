import Control
import Glibc
import HostTestKit
import Testing

@Suite("InotifyChannel and InotifyEvent: the inotify part DirectoryWatcher and FileTrigger share")
struct InotifyChannelTests {
  /// One `struct inotify_event` as the kernel lays it out, the name NUL-padded to `length`.
  private func record(watch: Int32, mask: Int32, name: String, length: Int) -> [UInt8] {
    var bytes: [UInt8] = []
    for field in [UInt32(bitPattern: watch), UInt32(bitPattern: mask), 0, UInt32(length)] {
      withUnsafeBytes(of: field) { bytes.append(contentsOf: $0) }
    }
    let name = Array(name.utf8)
    return bytes + name + [UInt8](repeating: 0, count: length - name.count)
  }

  @Test func decodesRecordsAndDropsATruncatedTail() {
    let bytes =
      record(watch: 3, mask: IN_CLOSE_WRITE, name: "ema.so", length: 16)
      + record(watch: -1, mask: IN_Q_OVERFLOW, name: "", length: 0)
      + record(watch: 4, mask: IN_MOVED_TO | IN_ISDIR, name: "plugins", length: 32)
      + record(watch: 5, mask: IN_CREATE, name: "cut", length: 16).prefix(20)
    let events = bytes.withUnsafeBytes { InotifyEvent.decode($0) }
    #expect(
      events == [
        InotifyEvent(watch: 3, mask: UInt32(IN_CLOSE_WRITE), name: Array("ema.so".utf8)),
        InotifyEvent(watch: -1, mask: UInt32(IN_Q_OVERFLOW), name: []),
        InotifyEvent(watch: 4, mask: UInt32(IN_MOVED_TO | IN_ISDIR), name: Array("plugins".utf8)),
      ])
    #expect(events[2].has(IN_MOVED_TO | IN_CLOSE_WRITE))
    #expect(!events[2].has(IN_CREATE))
    #expect(events[2].nameText == "plugins")
  }

  @Test func onlyAnOrdinaryNewFileAwaitsItsWriter() throws {
    let directory = try TemporaryDirectory(prefix: "ctl")
    let file = directory.file("file")
    let descriptor = open(file, O_WRONLY | O_CREAT | O_CLOEXEC, 0o644)
    try #require(descriptor >= 0)
    close(descriptor)
    #expect(InotifyEvent.creationAwaitsWriter(at: file))
    #expect(symlink(file, directory.file("symlink")) == 0)
    #expect(!InotifyEvent.creationAwaitsWriter(at: directory.file("symlink")))
    #expect(link(file, directory.file("hardlink")) == 0)
    #expect(!InotifyEvent.creationAwaitsWriter(at: directory.file("hardlink")))
    #expect(mkdir(directory.file("directory"), 0o755) == 0)
    #expect(!InotifyEvent.creationAwaitsWriter(at: directory.file("directory")))
    // Gone already: nothing to read now, so nothing to report at creation either.
    #expect(InotifyEvent.creationAwaitsWriter(at: directory.file("missing")))
  }

  @Test func theThreadSeesEventsThenTheStop() throws {
    let directory = try TemporaryDirectory(prefix: "ctl")
    let waits = Recorder<InotifyChannel.Wait>()
    let channel = try InotifyChannel.open(
      watching: [directory.path], mask: UInt32(IN_CLOSE_WRITE))
    let watch = try #require(channel.watches.first)
    let thread = try channel.start { channel in
      while true {
        let wait = channel.next(timeout: nil)
        waits.record(wait)
        if wait == .stopped { return }
      }
    }
    let descriptor = open(directory.file("x.so"), O_WRONLY | O_CREAT | O_CLOEXEC, 0o644)
    try #require(descriptor >= 0)
    close(descriptor)
    #expect(waits.waitFor(1))
    thread.stop()  // Joins: the body has returned.
    let expected = InotifyEvent(
      watch: watch, mask: UInt32(IN_CLOSE_WRITE), name: Array("x.so".utf8))
    #expect(waits.all == [.events([expected]), .stopped])
  }

  @Test func aTimeoutWithoutEventsIsQuiet() throws {
    let directory = try TemporaryDirectory(prefix: "ctl")
    let waits = Recorder<InotifyChannel.Wait>()
    let channel = try InotifyChannel.open(watching: [directory.path], mask: UInt32(IN_CREATE))
    let thread = try channel.start { channel in
      waits.record(channel.next(timeout: .milliseconds(1)))
      while channel.next(timeout: nil) != .stopped {}
    }
    #expect(waits.waitFor(1))
    thread.stop()
    #expect(waits.all == [.quiet])
  }

  @Test func openNamesTheDirectoryThatFailed() throws {
    let directory = try TemporaryDirectory(prefix: "ctl")
    let missing = directory.file("missing")
    #expect(throws: InotifySetupError.directoryMissing(missing)) {
      try InotifyChannel.open(watching: [directory.path, missing], mask: UInt32(IN_CREATE))
    }
    let file = directory.file("plain")
    let descriptor = open(file, O_WRONLY | O_CREAT | O_CLOEXEC, 0o644)
    try #require(descriptor >= 0)
    close(descriptor)
    #expect(throws: InotifySetupError.notADirectory(file)) {
      try InotifyChannel.open(watching: [file], mask: UInt32(IN_CREATE))
    }
    #expect(
      InotifySetupError.watch(directory: "/srv", errno: ENOSPC).description.hasSuffix(
        "(the per-user inotify limit fs.inotify.max_user_watches may be reached)"))
  }
}
