#if canImport(Glibc)
  import Glibc
#endif
import MarketData
import Synchronization

/// A `FileCalls` whose disk can "fill up" or fail at a chosen step, for tests of the durable
/// files (audit log, risk state, state-folder check): writes take at most `spaceLeft` more bytes
/// (a short write, then `ENOSPC`), and `fsync` or `rename` fail with `EIO` while told to. The
/// other calls go to the system. `heal()` makes it a working disk again. Counts every call.
///
/// Any thread (a lock around its state).
public final class FailingFileCalls: FileCalls {
  private struct State {
    var spaceLeft: Int?
    var failSync = false
    var failRename = false
    var syncs = 0
    var renames = 0
  }

  private let state = Mutex(State())
  private let system = SystemFileCalls()

  public init() {}

  /// The disk takes `bytes` more bytes, then refuses with `ENOSPC` (`nil`: unlimited).
  public func fill(leaving bytes: Int?) { state.withLock { $0.spaceLeft = bytes } }

  /// `fsync` fails with `EIO` while `failing`.
  public func failSync(_ failing: Bool = true) { state.withLock { $0.failSync = failing } }

  /// `rename` fails with `EIO` while `failing`.
  public func failRename(_ failing: Bool = true) { state.withLock { $0.failRename = failing } }

  /// Everything works again.
  public func heal() { state.withLock { $0 = State(syncs: $0.syncs, renames: $0.renames) } }

  /// `fsync` calls so far (files and folders).
  public var syncs: Int { state.withLock { $0.syncs } }

  public func write(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    let allowed = state.withLock { state -> Int in
      guard let left = state.spaceLeft else { return count }
      let taken = min(left, count)
      state.spaceLeft = left - taken
      return taken
    }
    if allowed == 0 && count > 0 {
      errno = ENOSPC
      return -1
    }
    return system.write(descriptor, buffer, allowed)
  }

  public func fsync(_ descriptor: Int32) -> Int32 {
    let failing = state.withLock { state -> Bool in
      state.syncs += 1
      return state.failSync
    }
    if failing {
      errno = EIO
      return -1
    }
    return system.fsync(descriptor)
  }

  public func truncate(_ descriptor: Int32, to length: Int) -> Int32 {
    system.truncate(descriptor, to: length)
  }

  public func rename(_ from: String, _ to: String) -> Int32 {
    let failing = state.withLock { state -> Bool in
      state.renames += 1
      return state.failRename
    }
    if failing {
      errno = EIO
      return -1
    }
    return system.rename(from, to)
  }
}
