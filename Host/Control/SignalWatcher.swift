import Glibc
import Synchronization

/// Turns signals such as SIGINT and SIGTERM into calls of a Swift closure on an ordinary thread,
/// so the host can shut down cleanly instead of dying mid-write.
///
///     let watcher = SignalWatcher(signals: [SIGINT, SIGTERM]) { signal in host.requestStop() }
///     try watcher.start()
///     ...
///     watcher.stop()  // the previous dispositions are back
///
/// How: `start()` installs a tiny handler (`sigaction`, SA_RESTART) that only writes the signal
/// number as one byte to a socket (the self-pipe trick: atomics and `write(2)`, nothing else
/// runs in signal context), and a dedicated thread reads the socket and calls `handler`.
/// Unlike `sigwait`, this needs no signal mask in every thread, so the watcher may be created
/// at any time, from any thread, even after Foundation, Dispatch or the test runner have started
/// threads of their own. Each `kill` of a watched signal gives one call, in order (signals sent
/// while one is already pending in the kernel may merge, as the kernel merges standard signals).
///
/// Threads: `handler` runs on the watcher's own thread, one call at a time; it should return
/// soon (set a flag, wake the main loop) because later signals wait behind it, and it may call
/// `stop()` on this watcher. `start()` and `stop()` may be called from any thread, never from a
/// signal handler; they block only for a few system calls (`stop()` also waits for the calls
/// of signals that arrived before it).
///
/// One watcher at a time owns a given signal in the process: a second one that wants it gets
/// `alreadyWatched`.
public final class SignalWatcher: Sendable {
  // Sendable is checked by the compiler: `let`s of Sendable types, mutable state in a Mutex.

  /// The signals this watcher handles, without duplicates, in the order given.
  public let signals: [Int32]
  private let handler: @Sendable (Int32) -> Void
  private let state = Mutex(State.idle)

  private enum State {
    case idle
    case running(Running)
    case stopped
  }

  private struct Running {
    let thread: JoinableThread
    /// The write end of the socket the relay handler writes to; the thread owns the read end.
    let relayDescriptor: Int32
    /// The dispositions the watcher replaced, to put back at `stop()`.
    let previous: [(signal: Int32, action: sigaction)]
  }

  /// A watcher for `signals` that will call `handler` with the signal number; nothing happens
  /// until `start()`.
  public init(signals: [Int32], handler: @escaping @Sendable (Int32) -> Void) {
    var unique: [Int32] = []
    for signal in signals where !unique.contains(signal) { unique.append(signal) }
    self.signals = unique
    self.handler = handler
  }

  deinit {
    stop()
  }

  /// Starts the watcher thread and installs the handlers. From then on each watched signal is
  /// reported to `handler` instead of taking its previous action.
  ///
  /// Throws `unsupportedSignal` (SIGKILL, SIGSTOP, fault signals), `alreadyWatched` (another
  /// watcher owns a signal), `alreadyStarted`, or `systemCall`; nothing is changed then.
  public func start() throws(SignalWatcherError) {
    try state.withLock { (state: inout State) throws(SignalWatcherError) in
      guard case .idle = state else { throw .alreadyStarted }
      if let bad = signals.first(where: { !SignalRelay.canWatch($0) }) {
        throw .unsupportedSignal(bad)
      }
      guard let relay = SocketCalls.pair() else {
        throw .systemCall(action: "create the signal relay socket", errno: errno)
      }
      SocketCalls.setNonBlocking(relay.read, false)
      let handler = self.handler
      let thread: JoinableThread
      do throws(JoinableThread.StartError) {
        thread = try JoinableThread.start { Self.deliver(from: relay.read, to: handler) }
      } catch {
        close(relay.read)
        close(relay.write)
        throw .systemCall(action: "start the signal watcher thread", errno: error.code)
      }
      var installed: [(signal: Int32, action: sigaction)] = []
      for signal in signals {
        var failure: SignalWatcherError?
        if !SignalRelay.claim(signal, descriptor: relay.write) {
          failure = .alreadyWatched(signal)
        } else if let previous = SignalRelay.install(signal) {
          installed.append((signal, previous))
        } else {
          failure = .systemCall(
            action: "install a handler for \(Self.name(of: signal))", errno: errno)
          SignalRelay.release(signal)
        }
        if let failure {
          Self.shutDown(Running(thread: thread, relayDescriptor: relay.write, previous: installed))
          throw failure
        }
      }
      state = .running(Running(thread: thread, relayDescriptor: relay.write, previous: installed))
      Self.unblock(signals)
    }
  }

  /// Unblocks `signals` in the calling thread. A process inherits its parent's signal mask
  /// across `exec`: a host started by a parent that blocks SIGINT (a test runner, some
  /// supervisors) would otherwise never see Ctrl-C or a stop signal.
  private static func unblock(_ signals: [Int32]) {
    var set = sigset_t()
    sigemptyset(&set)
    for signal in signals { sigaddset(&set, signal) }
    pthread_sigmask(SIG_UNBLOCK, &set, nil)
  }

  /// Restores the previous disposition of every watched signal, delivers the signals that
  /// arrived before, and ends the watcher thread (joined before this returns, unless called
  /// from `handler`, where it ends once `handler` returns). Idempotent; nothing before `start()`.
  public func stop() {
    let running = state.withLock { state -> Running? in
      guard case .running(let running) = state else { return nil }
      state = .stopped
      return running
    }
    if let running { Self.shutDown(running) }
  }

  private static func shutDown(_ running: Running) {
    for (signal, action) in running.previous {
      SignalRelay.restore(signal, action)
      SignalRelay.release(signal)
    }
    SignalRelay.waitForRunningHandlers()
    close(running.relayDescriptor)  // The thread reads what is left, then sees the end.
    if running.thread.isCurrent {
      running.thread.detach()
    } else {
      running.thread.join()
    }
  }

  /// The watcher thread: one `handler` call per byte, until the write end is closed.
  private static func deliver(from descriptor: Int32, to handler: @Sendable (Int32) -> Void) {
    var buffer = [UInt8](repeating: 0, count: 64)
    while true {
      let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count > 0 {
        for byte in buffer[..<count] { handler(Int32(byte)) }
      } else if count < 0 && errno == EINTR {
        continue
      } else {
        break
      }
    }
    close(descriptor)
  }

  /// "SIGINT", "SIGTERM", ..., or "signal 40" for one without a common name.
  public static func name(of signal: Int32) -> String {
    let names: [Int32: String] = [
      SIGHUP: "SIGHUP", SIGINT: "SIGINT", SIGQUIT: "SIGQUIT", SIGILL: "SIGILL",
      SIGTRAP: "SIGTRAP", SIGABRT: "SIGABRT", SIGBUS: "SIGBUS", SIGFPE: "SIGFPE",
      SIGKILL: "SIGKILL", SIGUSR1: "SIGUSR1", SIGSEGV: "SIGSEGV", SIGUSR2: "SIGUSR2",
      SIGPIPE: "SIGPIPE", SIGALRM: "SIGALRM", SIGTERM: "SIGTERM", SIGCHLD: "SIGCHLD",
      SIGCONT: "SIGCONT", SIGSTOP: "SIGSTOP", SIGTSTP: "SIGTSTP", SIGTTIN: "SIGTTIN",
      SIGTTOU: "SIGTTOU", SIGWINCH: "SIGWINCH", SIGSYS: "SIGSYS",
    ]
    return names[signal] ?? "signal \(signal)"
  }
}
