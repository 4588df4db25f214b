import Backtest
import CAllocCounter
import CFFI
import CTradeHostPlugin
import Foundation
import HostTestKit
import Kernel
import PluginHost
import TradingModel

#if canImport(Glibc)
  import Glibc
#endif

/// Issue 17's figures beside `IndicatorBench`: what calling a C library through libffi costs
/// against calling it directly, the same indicator through the host's ffi binding against a
/// plugin built for the host, and the kernel loop with resampled bars (`SlotSpec.bars`).
enum ForeignBench {
  static func run(_ registry: PluginRegistry, _ bars: [th_bar], root: String) throws {
    try rawCalls(root: root)
    try indicators(registry, bars, root: root)
    try resampling(registry)
  }

  /// `fx_ema_update` then `fx_ema_value` of the fixture library, 10 M times: through C function
  /// pointers (a direct call), then through `ffi_call` with prepared call interfaces.
  static func rawCalls(root: String) throws {
    let path = root + "/.build/fixtures/libfixture_ffi.so"
    guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL) else {
      print("ffi: \(path) not found (make fixtures); skipped")
      return
    }
    typealias New = @convention(c) (Int32) -> UnsafeMutableRawPointer?
    typealias Update = @convention(c) (UnsafeMutableRawPointer?, Double) -> Void
    typealias Value = @convention(c) (UnsafeRawPointer?) -> Double
    let newSymbol = dlsym(handle, "fx_ema_new")!
    let updateSymbol = dlsym(handle, "fx_ema_update")!
    let valueSymbol = dlsym(handle, "fx_ema_value")!
    let new = unsafeBitCast(newSymbol, to: New.self)
    let update = unsafeBitCast(updateSymbol, to: Update.self)
    let value = unsafeBitCast(valueSymbol, to: Value.self)
    let calls = 10_000_000
    var direct = Double.infinity
    var checksum = 0.0
    for _ in 0..<3 {
      let state = new(10)
      let start = LatencyRecorder.now()
      for index in 0..<calls {
        update(state, Double(index & 1023))
        checksum += value(state)
      }
      direct = min(direct, Double(LatencyRecorder.now() - start))
    }

    // The same two calls through libffi, as ForeignStreamingIndicator makes them.
    let updateTypes = UnsafeMutablePointer<UnsafeMutablePointer<ffi_type>?>.allocate(capacity: 2)
    updateTypes[0] = th_ffi_type_pointer()
    updateTypes[1] = th_ffi_type_double()
    let valueTypes = UnsafeMutablePointer<UnsafeMutablePointer<ffi_type>?>.allocate(capacity: 1)
    valueTypes[0] = th_ffi_type_pointer()
    let updateCIF = UnsafeMutablePointer<ffi_cif>.allocate(capacity: 1)
    let valueCIF = UnsafeMutablePointer<ffi_cif>.allocate(capacity: 1)
    guard
      ffi_prep_cif(updateCIF, th_ffi_default_abi(), 2, th_ffi_type_void(), updateTypes) == FFI_OK,
      ffi_prep_cif(valueCIF, th_ffi_default_abi(), 1, th_ffi_type_double(), valueTypes) == FFI_OK
    else {
      print("ffi: ffi_prep_cif failed; skipped")
      return
    }
    let updateFunction = unsafeBitCast(updateSymbol, to: (@convention(c) () -> Void).self)
    let valueFunction = unsafeBitCast(valueSymbol, to: (@convention(c) () -> Void).self)
    var viaFFI = Double.infinity
    var state = new(10)
    var input = 0.0
    var output = 0.0
    var ignored: UInt64 = 0
    let arguments = UnsafeMutablePointer<UnsafeMutableRawPointer?>.allocate(capacity: 2)
    let allocationsBefore = th_alloc_count()
    for _ in 0..<3 {
      state = new(10)
      let start = LatencyRecorder.now()
      withUnsafeMutablePointer(to: &state) { statePointer in
        withUnsafeMutablePointer(to: &input) { inputPointer in
          arguments[0] = UnsafeMutableRawPointer(statePointer)
          arguments[1] = UnsafeMutableRawPointer(inputPointer)
          for index in 0..<calls {
            inputPointer.pointee = Double(index & 1023)
            ffi_call(updateCIF, updateFunction, &ignored, arguments)
            ffi_call(valueCIF, valueFunction, &output, arguments)
            checksum += output
          }
        }
      }
      viaFFI = min(viaFFI, Double(LatencyRecorder.now() - start))
    }
    let allocations = th_alloc_count() - allocationsBefore
    let perDirect = direct / Double(calls * 2)
    let perFFI = viaFFI / Double(calls * 2)
    print(
      "ffi call (fx_ema_update + fx_ema_value, 10 M pairs): direct C \(BenchMain.format(perDirect)) ns per call, "
        + "libffi \(BenchMain.format(perFFI)) ns per call (+\(BenchMain.format(perFFI - perDirect)) ns), "
        + "\(allocations) allocations (checksum \(BenchMain.format(checksum)))")
  }

  /// An indicator served through libffi against the host's own plugin of the same formula: the
  /// fixture library's streaming EMA and array SMA (`Tests/Fixtures/ffi`) against `ema` and
  /// `sma`, update + read per bar.
  static func indicators(_ registry: PluginRegistry, _ bars: [th_bar], root: String) throws {
    let folder = root + "/Tests/Fixtures/ffi"
    for name in ["fx-ema", "fx-sma"] { registry.load(manifestPath: folder + "/\(name).yaml") }
    let environment = BenchEnvironment()
    for (id, parameters) in [
      ("fx-ema", [("period", "10")]), ("ema", [("period", "10")]), ("fx-sma", [("period", "10")]),
      ("sma", [("period", "10")]), ("fx-sma", [("period", "50")]), ("sma", [("period", "50")]),
    ] {
      guard registry.plugin(id) != nil else {
        print("indicator \(id): not loaded (make fixtures); skipped")
        continue
      }
      let indicator = try registry.makeIndicator(id, parameters: parameters, environment: environment)
      var best = Double.infinity
      var checksum = 0.0
      var allocations: UInt64 = 0
      for _ in 0..<3 {
        indicator.reset()
        checksum = 0
        let before = th_alloc_count()
        let start = LatencyRecorder.now()
        for bar in bars {
          indicator.update(bar)
          if indicator.isReady { checksum += indicator.value(0) }
        }
        best = min(best, Double(LatencyRecorder.now() - start))
        allocations = th_alloc_count() - before
      }
      let form = id.hasPrefix("fx-") ? " (C library through libffi)" : " (plugin)"
      print(
        "indicator \(id) period \(parameters[0].1)\(form) update+read: "
          + "\(BenchMain.format(best / Double(bars.count))) ns per bar, \(allocations) allocations "
          + "(checksum \(BenchMain.format(checksum)))")
    }
  }

  /// The kernel's parity loop with the slot also subscribed to 1-minute and 5-minute bars, against
  /// the loop without them, and the allocations of the resampling loop.
  static func resampling(_ registry: PluginRegistry) throws {
    guard FileManager.default.fileExists(atPath: KernelBench.spy) else { return }
    var figures: [String] = []
    for bars in [[String](), ["1m", "5m"]] {
      var plan = KernelBench.plan()
      plan.slots[0].bars = try bars.map { try BarAggregation.parse($0).get() }
      var best = Double.infinity
      var resampled = 0
      for _ in 0..<5 {
        let prepared = try BacktestRunner.prepare(
          plan, registry: registry, cacheDirectory: nil, log: KernelLog.discard)
        let start = LatencyRecorder.now()
        for event in prepared.events { prepared.kernel.process(event) }
        best = min(best, Double(LatencyRecorder.now() - start) / 1e9)
        resampled = prepared.kernel.counters.resampledBars
      }
      let prepared = try BacktestRunner.prepare(
        plan, registry: registry, cacheDirectory: nil, log: KernelLog.discard)
      for event in prepared.events.prefix(1_000) { prepared.kernel.process(event) }
      let before = th_alloc_count()
      for event in prepared.events.dropFirst(1_000) { prepared.kernel.process(event) }
      let allocations = th_alloc_count() - before
      figures.append(
        "\(bars.isEmpty ? "no bars:" : "bars: [\(bars.joined(separator: ", "))]") "
          + "\(BenchMain.format(Double(prepared.events.count) / best / 1e6)) M events/s, "
          + "\(resampled) resampled bars, \(allocations) allocations after warm-up")
    }
    print("kernel loop (parity workload) with resampling: " + figures.joined(separator: "; "))
  }
}
