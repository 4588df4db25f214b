import Dispatch

/// A task executor that runs jobs on its own dispatch queue, off Swift's cooperative pool: the
/// HTTP API's tasks run there, so a caller that blocks pool threads (a synchronous `start()` on
/// a busy pool, a test) can never starve the server it waits for.
final class QueueTaskExecutor: TaskExecutor, @unchecked Sendable {
  // @unchecked: the only stored property is a DispatchQueue, which is thread-safe.
  private let queue: DispatchQueue

  init(label: String) {
    queue = DispatchQueue(label: label, attributes: .concurrent)
  }

  func enqueue(_ job: consuming ExecutorJob) {
    let job = UnownedJob(job)
    queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
  }
}
