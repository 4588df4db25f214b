import Control
import Synchronization

/// Runs a batch of independent jobs on `jobs` threads and returns their results in job order,
/// so the outcome does not depend on how many threads ran it or which finished first.
///
/// Workers take the next job index from a shared counter and store each result in its own
/// place; `progress` is called (on a worker thread, one call at a time) after each job with the
/// number done. `run` blocks until every job is done. When a thread cannot be started, the
/// threads that did start do the work (the calling thread when none did).
public enum EvaluationPool {
  public static func run<Result: Sendable>(
    count: Int, jobs: Int, _ job: @escaping @Sendable (Int) -> Result,
    progress: @escaping @Sendable (Int) -> Void = { _ in }
  ) -> [Result] {
    guard count > 0 else { return [] }
    let shared = Shared<Result>(count: count)
    let work: @Sendable () -> Void = {
      while true {
        let index = shared.next.add(1, ordering: .relaxed).oldValue
        guard index < count else { return }
        let result = job(index)
        let done = shared.results.withLock { results in
          results[index] = result
          return results.count { $0 != nil }
        }
        shared.reporting.withLock { _ in progress(done) }
      }
    }
    let threads = Swift.max(1, Swift.min(jobs, count))
    if threads == 1 {
      work()
    } else {
      var started: [JoinableThread] = []
      for _ in 0..<threads {
        guard let thread = try? JoinableThread.start(work) else { break }
        started.append(thread)
      }
      if started.isEmpty { work() }
      for thread in started { thread.join() }
    }
    return shared.results.withLock { results in results.map { $0! } }
  }

  private final class Shared<Result: Sendable>: Sendable {
    let next = Atomic<Int>(0)
    let results: Mutex<[Result?]>
    let reporting = Mutex(())

    init(count: Int) {
      results = Mutex(Array(repeating: nil, count: count))
    }
  }
}
