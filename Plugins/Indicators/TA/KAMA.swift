import PluginKit

/// Kaufman's adaptive moving average (TA-Lib's `KAMA`; Kaufman, "Smarter Trading", 1995): the
/// efficiency ratio `ER = |x - x[period back]| / Σ|x_i - x_(i-1)|` over the last `period` steps
/// (1 when the path is no longer than the net move, or 0), the smoothing
/// `sc = (ER (2/3 - 2/31) + 2/31)²` (fastest 2, slowest 30), and `kama += sc (x - kama)`, starting
/// from input `period - 1`. The path length is a running sum of absolute steps. Ready after
/// `period + 1` inputs (TA-Lib's lookback `period`).
public final class KAMAIndicator: IndicatorPlugin {
  public static var stateVersion: UInt32 { 1 }

  private static let slowest = 2.0 / (30.0 + 1.0)
  private static let spread = 2.0 / (2.0 + 1.0) - slowest

  private let period: Int
  /// The last `period + 1` inputs.
  private var window: Window
  private var path = 0.0
  private var kama = 0.0
  private var count = 0

  public init(host: HostContext, parameters: PluginParameters) throws {
    period = try parameters.int("period", atLeast: 2)
    window = Window(capacity: period + 1)
  }

  private var header: StateHeader { StateHeader(id: "kama", parameters: [Double(period)]) }

  public func update(value: Double, at timestamp: Int64) {
    if window.isFull {
      // The step from the oldest input to the next leaves the path.
      path -= abs(window.oldest - window[age: period - 1])
    }
    if window.count > 0 { path += abs(value - window[age: 0]) }
    if count == period - 1 { kama = value }
    window.push(value)
    if count < period + 1 { count += 1 }
    guard window.isFull else { return }
    let move = value - window.oldest
    let ratio = (path <= move || (path > -0.00000001 && path < 0.00000001)) ? 1.0 : abs(move / path)
    var smoothing = ratio * Self.spread + Self.slowest
    smoothing *= smoothing
    kama = (value - kama) * smoothing + kama
  }

  public func value(_ index: Int) -> Double { isReady ? kama : .nan }
  public var isReady: Bool { count > period }
  public var warmupCount: Int { period + 1 }

  public func reset() {
    window.removeAll()
    path = 0
    kama = 0
    count = 0
  }

  public func exportState(into writer: inout StateWriter) throws {
    header.write(into: &writer)
    writer.write(count)
    writer.write(path)
    writer.write(kama)
    window.write(into: &writer)
  }

  public func importState(from reader: inout StateReader, version: UInt32) throws {
    try header.check(from: &reader, version: version)
    let stateCount = try reader.readInt()
    guard (0...(period + 1)).contains(stateCount) else {
      throw PluginError.invalidArgument("kama: state count \(stateCount) outside 0...\(period + 1)")
    }
    count = stateCount
    path = try reader.readDouble()
    kama = try reader.readDouble()
    try window.read(from: &reader)
    try reader.finish()
  }
}

@_cdecl("tradehost_plugin_entry_kama")
public func tradehostPluginEntryKAMA() -> UnsafeRawPointer {
  PluginExport.indicator(KAMAIndicator.self, id: "kama", version: "1.0.0")
}
