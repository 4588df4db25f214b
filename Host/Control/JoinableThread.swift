import Glibc

/// A dedicated POSIX thread that can be joined: the server and signal threads, which must be
/// gone when `stop()` returns (Foundation's `Thread` cannot be joined); also the kill switch's
/// button and trigger-file threads.
///
/// `start` and `join`/`detach` may be called from any thread; `join` blocks until the body
/// returns. Exactly one of `join` or `detach` must be called, once.
public struct JoinableThread: Sendable {
  /// `pthread_t` is an integer on Linux.
  private let handle: pthread_t

  private init(handle: pthread_t) {
    self.handle = handle
  }

  /// The body, handed to the new thread through a retained pointer.
  private final class Body: Sendable {
    let run: @Sendable () -> Void

    init(_ run: @escaping @Sendable () -> Void) {
      self.run = run
    }
  }

  /// `pthread_create` failed with `code` (EAGAIN: out of threads or memory).
  public struct StartError: Error {
    public let code: Int32
  }

  /// Starts a thread running `body`.
  public static func start(_ body: @escaping @Sendable () -> Void) throws(StartError)
    -> JoinableThread
  {
    let context = Unmanaged.passRetained(Body(body)).toOpaque()
    var handle = pthread_t()
    let result = pthread_create(
      &handle, nil,
      { context in
        Unmanaged<Body>.fromOpaque(context!).takeRetainedValue().run()
        return nil
      }, context)
    guard result == 0 else {
      Unmanaged<Body>.fromOpaque(context).release()
      throw StartError(code: result)
    }
    return JoinableThread(handle: handle)
  }

  /// Whether the caller is running on this thread (then it must not join itself).
  public var isCurrent: Bool {
    pthread_equal(handle, pthread_self()) != 0
  }

  /// Waits for the body to return.
  public func join() {
    _ = pthread_join(handle, nil)
  }

  /// Lets the thread end on its own; used when the thread stops itself.
  public func detach() {
    _ = pthread_detach(handle)
  }
}
