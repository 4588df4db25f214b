import Glibc

/// A running watch thread started by `InotifyChannel.start`: what its owner keeps to stop it.
///
/// `stop()` must be called exactly once, from any thread, including the watch thread itself
/// (from a handler the body calls).
public struct InotifyThread: Sendable {
  private let thread: JoinableThread
  /// The write end of the wake-up socket.
  private let wake: Int32

  init(thread: JoinableThread, wake: Int32) {
    self.thread = thread
    self.wake = wake
  }

  /// Closes the wake-up socket, so the thread's `next` says `.stopped`, and waits for the
  /// thread to end. Called on the watch thread itself it does not wait: the thread ends once
  /// the body has returned.
  public func stop() {
    Glibc.close(wake)
    if thread.isCurrent {
      thread.detach()
    } else {
      thread.join()
    }
  }
}
