import Glibc
import Synchronization

/// The host's local control channel: a Unix socket on which the host's own user sends commands
/// (`status`, `pause`, ...) that registered handlers answer.
///
/// Protocol: newline-delimited JSON, one request per connection. The client connects, writes
/// one request line (`{"command":"status","arguments":{"k":"v"}}`), reads one response line
/// (`{"ok":true,"result":{...}}` or `{"error":"...","ok":false}`), and the server closes the
/// connection. One request per connection keeps the server free of idle connections and every
/// exchange independent; a local connect costs microseconds. See `ControlRequest` and
/// `ControlResponse` for the fields.
///
/// Security: the socket's directory is created 0700 when missing and refused when another user
/// owns it or could write to it; the socket file is 0600 before the server listens; and every
/// connection's peer is checked with `SO_PEERCRED`: another user's connection gets an error
/// response and is closed unread.
///
/// Robustness: a request line over 64 KiB, malformed JSON and unknown commands get an error
/// response naming the problem; a client that sends nothing gets an error after `readTimeout`
/// and never delays other clients (the server thread polls all connections at once); a client
/// that leaves before its answer costs nothing (no SIGPIPE). A socket file left by a crashed
/// host is replaced; a live host on the same path makes `start()` throw `alreadyRunning`.
///
/// Threads: `start()` and `stop()` may be called from any thread and block briefly (file system
/// and socket calls; `stop()` waits for the current handler to return). The server runs on one
/// dedicated thread that it owns, and handlers run there, one at a time: see
/// `ControlHandlers` for what a handler must never do.
public final class ControlServer: Sendable {
  // Sendable is checked by the compiler, not asserted: every stored property is a `let` of a
  // Sendable type, and the only mutable state sits in a `Mutex`.

  /// The socket file this server listens on.
  public let socketPath: String
  /// How long a client has to send its request line, and then to take its response.
  public let readTimeout: Duration
  private let handlers: ControlHandlers
  private let state = Mutex(State.idle)

  private enum State {
    case idle
    /// `wake` is the write end of the thread's wake-up channel; the thread owns and closes it.
    case running(thread: JoinableThread, wake: Int32)
    case stopped
  }

  /// A server for `socketPath` that answers with `handlers`; nothing happens until `start()`.
  public init(
    socketPath: String, handlers: ControlHandlers, readTimeout: Duration = .seconds(2)
  ) {
    self.socketPath = socketPath
    self.handlers = handlers
    self.readTimeout = readTimeout
  }

  deinit {
    stop()
  }

  /// Whether the server is between a successful `start()` and `stop()`.
  public var isRunning: Bool {
    state.withLock { state in
      if case .running = state { true } else { false }
    }
  }

  /// Prepares the directory, binds and listens (see the type's security notes), then starts the
  /// server thread. When it returns, clients can connect.
  ///
  /// Throws `alreadyRunning` when a live server answers on the path, `alreadyStarted` on a
  /// second call, and a clear error for a path that is too long, an unsafe directory, or a
  /// failed system call; nothing is left behind then. Blocks for a few file-system calls.
  public func start() throws(ControlError) {
    try state.withLock { (state: inout State) throws(ControlError) in
      guard case .idle = state else { throw .alreadyStarted(path: socketPath) }
      let listener = try ListeningSocket.open(path: socketPath)
      guard let wake = SocketCalls.pair() else {
        let code = errno
        listener.close()
        throw .systemCall(action: "create the wake-up channel for", path: socketPath, errno: code)
      }
      let loop = ServerLoop(
        listener: listener, wakeDescriptor: wake.read, handlers: handlers,
        readTimeout: readTimeout, serverUID: currentUserID())
      do throws(JoinableThread.StartError) {
        let thread = try JoinableThread.start {
          var running = loop
          running.run()
          listener.close()
          Glibc.close(wake.read)
          Glibc.close(wake.write)
        }
        state = .running(thread: thread, wake: wake.write)
      } catch {
        listener.close()
        Glibc.close(wake.read)
        Glibc.close(wake.write)
        throw .systemCall(
          action: "start the server thread for", path: socketPath, errno: error.code)
      }
    }
  }

  /// Stops serving: open connections are closed, the socket file is removed (unless another
  /// host has replaced it), and the server thread is joined before this returns.
  ///
  /// Idempotent; a call before `start()` does nothing. Called from a handler (on the server
  /// thread) it cannot wait for itself: the thread closes everything and ends as soon as the
  /// handler returns, after sending its response (whatever of it the socket buffer takes at
  /// once, which is all of any response under about 200 KB). A second concurrent call returns at
  /// once, without waiting for the first to finish.
  public func stop() {
    let running = state.withLock { state -> (JoinableThread, Int32)? in
      guard case .running(let thread, let wake) = state else { return nil }
      state = .stopped
      return (thread, wake)
    }
    guard let (thread, wake) = running else { return }
    var byte: UInt8 = 1
    _ = send(wake, &byte, 1, Int32(MSG_NOSIGNAL) | Int32(MSG_DONTWAIT))
    if thread.isCurrent {
      thread.detach()
    } else {
      thread.join()
    }
  }
}
