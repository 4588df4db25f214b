import Deployment
import HostTestKit
import PluginHost
import Synchronization
import Testing

@testable import tradehost

/// The folder watcher's decision: which strategies reload for a batch of changed files.
@Suite("plugin folder watch")
struct PluginFolderWatchTests {
  /// Counts the commands submitted to a desk (each submit wakes the kernel once).
  final class Submissions: Sendable {
    let count = Atomic<Int>(0)
    func desk() -> DeploymentDesk {
      DeploymentDesk(wake: { self.count.add(1, ordering: .relaxed) })
    }
  }

  @Test("a changed plugins.lock reloads every strategy whose library lies beside it")
  func lockChangeReloads() {
    let submissions = Submissions()
    let manifests = RepositoryPaths.root + "/manifests"
    // ema-cross, ema-peg and fuzz-orders are the shipped strategies, all in .build/plugins.
    PluginFolderWatch.changed(
      [RepositoryPaths.plugins + "/" + PluginLock.fileName], folders: [manifests],
      desk: submissions.desk())
    #expect(submissions.count.load(ordering: .relaxed) == 3)
    // A lock file elsewhere reloads nothing.
    let elsewhere = Submissions()
    PluginFolderWatch.changed(
      [RepositoryPaths.fixtureLibraries + "/" + PluginLock.fileName], folders: [manifests],
      desk: elsewhere.desk())
    #expect(elsewhere.count.load(ordering: .relaxed) == 0)
  }
}
