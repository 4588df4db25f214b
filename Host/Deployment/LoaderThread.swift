import Control
import Foundation
import Synchronization

/// The loader thread: takes load requests, loads and creates each version (`VersionLoader`),
/// and hands the result to the kernel thread through the desk. Loading never happens on the
/// kernel thread, so a slow `dlopen` or a large library never pauses trading.
///
/// `enqueue` may be called from any thread; `stop` blocks until the thread has finished the
/// request in hand.
public final class LoaderThread: Sendable {
  private struct Queue {
    var requests: [LoadRequest] = []
    var stopping = false
  }

  private let queue = Mutex(Queue())
  private let signal = DispatchSemaphore(value: 0)
  private let thread = Mutex<JoinableThread?>(nil)
  private let kernel: KernelReference
  private let desk: DeploymentDesk

  /// Hands every outcome, success or failure, to `desk`.
  public init(kernel: KernelReference, desk: DeploymentDesk) {
    self.kernel = kernel
    self.desk = desk
  }

  /// Starts the thread.
  public func start() throws(JoinableThread.StartError) {
    let started = try JoinableThread.start { [self] in run() }
    thread.withLock { $0 = started }
  }

  /// [any-thread] Queues a request.
  public func enqueue(_ request: LoadRequest) {
    queue.withLock { $0.requests.append(request) }
    signal.signal()
  }

  /// Stops the thread after the request in hand; queued requests are dropped.
  public func stop() {
    queue.withLock { $0.stopping = true }
    signal.signal()
    thread.withLock { thread in
      thread?.join()
      thread = nil
    }
  }

  private func run() {
    while true {
      signal.wait()
      let next: LoadRequest?? = queue.withLock { queue in
        if queue.stopping { return .none }
        return queue.requests.isEmpty ? .some(nil) : queue.requests.removeFirst()
      }
      guard let request = next else { return }
      guard let request else { continue }
      desk.deliver(VersionLoader.prepare(request, kernel: kernel))
    }
  }
}
