import Glibc
import Synchronization

// The part of signal handling that runs inside a signal handler. Everything the handler touches
// is a lock-free atomic in a global, plus `write(2)`: all async-signal-safe. The globals are
// first touched by `SignalRelay.claim` on an ordinary thread, before the handler is installed,
// so their lazy initialisation never runs inside a handler.

/// For each signal number (1...64; index 0 unused), the write end of the socket pair of the
/// watcher that owns the signal, or -1.
private let relayDescriptors: InlineArray<65, Atomic<Int32>> = InlineArray { _ in Atomic(-1) }

/// How many handler invocations are between reading a descriptor and finishing their write.
private let relayHandlersRunning = Atomic<Int>(0)

/// The installed signal handler: writes the signal number as one byte to the owner's socket.
/// The socket is non-blocking, so the handler never blocks (a signal that finds the socket full
/// is dropped: 200 KB of undelivered signals). `errno` is restored for the interrupted code.
private func relaySignal(_ signal: Int32) {
  let savedErrno = errno
  relayHandlersRunning.add(1, ordering: .sequentiallyConsistent)
  if signal > 0 && signal < 65 {
    let descriptor = relayDescriptors[Int(signal)].load(ordering: .sequentiallyConsistent)
    if descriptor >= 0 {
      var byte = UInt8(truncatingIfNeeded: signal)
      _ = write(descriptor, &byte, 1)
    }
  }
  relayHandlersRunning.subtract(1, ordering: .sequentiallyConsistent)
  errno = savedErrno
}

/// Routes signals to watchers' sockets: one owner per signal at a time, process-wide.
///
/// Called by `SignalWatcher` on whatever thread starts or stops it; never blocks except
/// `waitForRunningHandlers`, which waits for at most a few handler instructions.
enum SignalRelay {
  /// Signals a watcher may take: 1...64 except SIGKILL and SIGSTOP (the kernel does not let
  /// them be caught) and the fault signals SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP and SIGSYS
  /// (returning from their handler re-runs the faulting instruction forever).
  static func canWatch(_ signal: Int32) -> Bool {
    guard signal > 0 && signal < 65 else { return false }
    return ![SIGKILL, SIGSTOP, SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP, SIGSYS].contains(signal)
  }

  /// Makes `descriptor` the destination of `signal`, unless another watcher owns it. Also the
  /// first touch of both globals, before any handler is installed.
  static func claim(_ signal: Int32, descriptor: Int32) -> Bool {
    _ = relayHandlersRunning.load(ordering: .relaxed)
    return relayDescriptors[Int(signal)].compareExchange(
      expected: -1, desired: descriptor, ordering: .sequentiallyConsistent
    ).exchanged
  }

  /// Gives up `signal`: from now on no handler writes to its former destination.
  static func release(_ signal: Int32) {
    relayDescriptors[Int(signal)].store(-1, ordering: .sequentiallyConsistent)
  }

  /// Installs the relay handler for `signal` (with SA_RESTART, so calls it interrupts on other
  /// threads resume) and returns the disposition it replaces, or nil with `errno` set.
  static func install(_ signal: Int32) -> sigaction? {
    var action = sigaction()
    action.__sigaction_handler.sa_handler = relaySignal
    action.sa_flags = SA_RESTART
    sigemptyset(&action.sa_mask)
    var previous = sigaction()
    guard sigaction(signal, &action, &previous) == 0 else { return nil }
    return previous
  }

  /// Puts back a disposition that `install` returned.
  static func restore(_ signal: Int32, _ previous: sigaction) {
    var previous = previous
    _ = sigaction(signal, &previous, nil)
  }

  /// Waits until no handler is between reading a destination and writing to it. After
  /// `release` of every signal of a watcher, this makes closing its socket safe: a handler that
  /// starts later reads -1, one that started earlier has finished its `write` (Dekker's
  /// argument: both sides use sequentially consistent operations on the counter and the slot).
  static func waitForRunningHandlers() {
    while relayHandlersRunning.load(ordering: .sequentiallyConsistent) != 0 {
      sched_yield()
    }
  }
}
