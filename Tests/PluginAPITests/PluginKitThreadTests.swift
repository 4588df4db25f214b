import CTradeHostPlugin
import Dispatch
import PluginKit
import Synchronization
import Testing

/// A strategy that counts its bars: instance state only, no globals.
final class BarCountingStrategy: StrategyPlugin {
  private(set) var bars = 0

  init(host: HostContext, parameters: PluginParameters) throws {}

  func onBar(_ bar: Bar) throws { bars += 1 }
}

/// Several kernels on several threads at once (the selector's `--jobs`): the entry function
/// and `create` of one image are reached from many threads at the same time, and each thread
/// drives its own instances. Run under Thread Sanitizer (docs/selector.md) this shows
/// PluginKit's per-image globals are safe: it reported a data race on them before they moved
/// behind a lock.
struct PluginKitThreadTests {
  @Test func entryAndCreateFromManyThreadsAtOnce() throws {
    let threads = 8
    let descriptors = Mutex([UInt](repeating: 0, count: threads))
    DispatchQueue.concurrentPerform(iterations: threads) { index in
      let descriptor = PluginExport.strategy(BarCountingStrategy.self, id: "counting", version: "1.0.0")
      descriptors.withLock { $0[index] = UInt(bitPattern: descriptor) }
    }
    let addresses = descriptors.withLock { $0 }
    #expect(Set(addresses).count == 1, "the entry function built \(Set(addresses).count) descriptors")
    let address = try #require(addresses.first)
    let descriptor = try #require(UnsafePointer<th_plugin_descriptor>(bitPattern: address))
    let table = UInt(bitPattern: descriptor.pointee.vtable)
    let failures = Atomic<Int>(0)
    DispatchQueue.concurrentPerform(iterations: threads) { _ in
      let vtable = UnsafeRawPointer(bitPattern: table)!.assumingMemoryBound(
        to: th_strategy_vtable.self)
      var api = th_host_api()
      api.struct_size = UInt32(MemoryLayout<th_host_api>.size)
      var error = th_error()
      error.struct_size = UInt32(MemoryLayout<th_error>.size)
      for _ in 0..<50 {
        var instance: UnsafeMutableRawPointer?
        let created = withUnsafePointer(to: &api) { api in
          vtable.pointee.create!(api, nil, nil, 0, &instance, &error)
        }
        guard created == TH_OK, let instance else {
          failures.add(1, ordering: .relaxed)
          continue
        }
        var bar = th_bar()
        bar.struct_size = UInt32(MemoryLayout<th_bar>.size)
        for _ in 0..<100 where vtable.pointee.on_bar!(instance, &bar, &error) != TH_OK {
          failures.add(1, ordering: .relaxed)
        }
        vtable.pointee.destroy!(instance)
      }
    }
    #expect(failures.load(ordering: .relaxed) == 0)
  }
}
