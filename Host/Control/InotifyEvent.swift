import Glibc

/// One inotify event record: which watch it is for, what happened, and the name of the entry
/// in the watched directory (empty for events about the directory itself, such as IN_IGNORED,
/// and for IN_Q_OVERFLOW, whose `watch` is -1).
///
/// Pure value: `decode` turns the bytes of one `read(2)` of an inotify descriptor into records,
/// on whatever thread read them.
public struct InotifyEvent: Sendable, Hashable {
  /// The watch descriptor `inotify_add_watch` returned, or -1 for IN_Q_OVERFLOW.
  public let watch: Int32
  /// The IN_* bits.
  public let mask: UInt32
  /// The entry's name as the kernel gave it: bytes, without the NUL padding.
  public let name: [UInt8]

  public init(watch: Int32, mask: UInt32, name: [UInt8]) {
    self.watch = watch
    self.mask = mask
    self.name = name
  }

  /// The size of `struct inotify_event` before its name: wd, mask, cookie, len.
  static let headerSize = 16

  /// A buffer size that holds at least one event with the longest name (NAME_MAX + 1 with the
  /// NUL), as `read(2)` of an inotify descriptor requires; `events` of them.
  public static func bufferSize(events: Int) -> Int {
    max(1, events) * (headerSize + Int(NAME_MAX) + 1)
  }

  /// Whether any of `flags` (IN_* values) is set.
  public func has(_ flags: Int32) -> Bool {
    mask & UInt32(bitPattern: flags) != 0
  }

  /// The name as text (bytes that are not UTF-8 become U+FFFD).
  public var nameText: String {
    String(decoding: name, as: UTF8.self)
  }

  /// The records in `bytes`, in order. The kernel only returns whole records; a truncated one
  /// at the end is dropped.
  public static func decode(_ bytes: UnsafeRawBufferPointer) -> [InotifyEvent] {
    var events: [InotifyEvent] = []
    var offset = 0
    while offset + headerSize <= bytes.count {
      let watch = bytes.loadUnaligned(fromByteOffset: offset, as: Int32.self)
      let mask = bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
      let length = Int(bytes.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
      let start = offset + headerSize
      guard length <= bytes.count - start else { break }
      let padded = bytes[start..<(start + length)]
      events.append(InotifyEvent(watch: watch, mask: mask, name: Array(padded.prefix { $0 != 0 })))
      offset = start + length
    }
    return events
  }

  /// Whether the entry at `path`, just reported by IN_CREATE, is a regular file with one
  /// link: made by an `open()` whose IN_CLOSE_WRITE is still to come, so its content is not
  /// ready yet. A symbolic link, a hard link, a directory or a FIFO gets no IN_CLOSE_WRITE,
  /// so IN_CREATE is all there will be for it. Also true when the entry is gone already
  /// (there is nothing to look at then). One `lstat`.
  public static func creationAwaitsWriter(at path: String) -> Bool {
    var status = stat()
    guard lstat(path, &status) == 0 else { return true }
    return status.st_mode & S_IFMT == S_IFREG && status.st_nlink == 1
  }
}
