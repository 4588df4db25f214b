import Glibc

/// The directory watcher's thread body: collects changed paths from an `InotifyChannel`,
/// reports each batch once the channel was quiet for `settle`, and returns once the channel
/// says `stop()` was called.
struct DirectoryWatchLoop: Sendable {
  /// The watched directory of each live watch.
  private var directories: [Int32: String]
  let settle: Duration
  let handler: @Sendable ([String]) -> Void

  /// `watches` are the channel's, one per directory in the same order.
  init(
    directories: [String], watches: [Int32], settle: Duration,
    handler: @escaping @Sendable ([String]) -> Void
  ) {
    var byWatch: [Int32: String] = [:]
    // A directory reached by two paths has one watch; the first path names it.
    for (watch, directory) in zip(watches, directories).reversed() { byWatch[watch] = directory }
    self.directories = byWatch
    self.settle = settle
    self.handler = handler
  }

  mutating func run(_ channel: inout InotifyChannel) {
    var batch = Set<String>()
    while true {
      switch channel.next(timeout: batch.isEmpty ? nil : settle) {
      case .stopped:
        return
      case .quiet:
        handler(batch.sorted())
        batch = []
      case .events(let events):
        for event in events { collect(event, into: &batch, channel: channel) }
      }
    }
  }

  /// Adds what `event` changed to `batch`; forgets watches that ended.
  private mutating func collect(
    _ event: InotifyEvent, into batch: inout Set<String>, channel: InotifyChannel
  ) {
    if event.has(IN_Q_OVERFLOW) {
      for directory in directories.values { batch.formUnion(Self.entries(of: directory)) }
      return
    }
    guard let directory = directories[event.watch] else { return }
    if event.has(IN_MOVE_SELF) {
      // Its paths are no longer what the host was told to watch; IN_IGNORED follows.
      directories[event.watch] = nil
      channel.removeWatch(event.watch)
      return
    }
    if event.has(IN_IGNORED) {
      // Deleted, unmounted or removed.
      directories[event.watch] = nil
      return
    }
    guard !event.name.isEmpty else { return }
    let path = Self.join(directory, event.nameText)
    if event.has(IN_CLOSE_WRITE | IN_MOVED_TO) {
      batch.insert(path)
    } else if event.has(IN_CREATE) && !InotifyEvent.creationAwaitsWriter(at: path) {
      batch.insert(path)
    }
  }

  /// `directory/name`, without a doubled slash.
  static func join(_ directory: String, _ name: String) -> String {
    directory.hasSuffix("/") ? directory + name : directory + "/" + name
  }

  /// The paths of every entry of `directory` but `.` and `..`; none if it cannot be read.
  static func entries(of directory: String) -> [String] {
    guard let stream = opendir(directory) else { return [] }
    defer { closedir(stream) }
    var paths: [String] = []
    while let entry = readdir(stream) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
        String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
      }
      if name != "." && name != ".." { paths.append(join(directory, name)) }
    }
    return paths
  }
}
