import PluginKit

/// Money flow index (TA-Lib's `MFI`; Quong and Soudack, 1989): each bar's money flow is its
/// typical price `(high + low + close) / 3` times its volume, positive when the typical price rose
/// from the previous bar, negative when it fell, neither when unchanged; the MFI is
/// `100 * positive / (positive + negative)` over the last `period` bars, and 0 when that total is
/// below 1 (as TA-Lib). Ready after `period + 1` bars (TA-Lib's lookback `period`).
public final class MoneyFlowIndexIndicator: IndicatorPlugin {
  public static var input: IndicatorInputKind { .bar }
  public static var stateVersion: UInt32 { 1 }

  private let period: Int
  private var positive: Window
  private var negative: Window
  private var positiveSum = 0.0
  private var negativeSum = 0.0
  private var previousTypical = 0.0
  private var count = 0

  public init(host: HostContext, parameters: PluginParameters) throws {
    period = try parameters.int("period", atLeast: 2)
    positive = Window(capacity: period)
    negative = Window(capacity: period)
  }

  private var header: StateHeader { StateHeader(id: "mfi", parameters: [Double(period)]) }

  public func update(bar: Bar) {
    let typical = (bar.high + bar.low + bar.close) / 3.0
    defer {
      previousTypical = typical
      if count <= period { count += 1 }
    }
    guard count > 0 else { return }
    if positive.isFull {
      positiveSum -= positive.oldest
      negativeSum -= negative.oldest
    }
    let change = typical - previousTypical
    let flow = typical * bar.volume
    if change < 0 {
      negative.push(flow)
      positive.push(0)
      negativeSum += flow
    } else if change > 0 {
      positive.push(flow)
      negative.push(0)
      positiveSum += flow
    } else {
      positive.push(0)
      negative.push(0)
    }
  }

  /// A bare value is a bar with no volume.
  public func update(value: Double, at timestamp: Int64) {
    var bar = Bar()
    bar.high = value
    bar.low = value
    bar.close = value
    update(bar: bar)
  }

  public func value(_ index: Int) -> Double {
    guard isReady else { return .nan }
    let total = positiveSum + negativeSum
    return total < 1.0 ? 0.0 : 100.0 * (positiveSum / total)
  }

  public var isReady: Bool { count > period }
  public var warmupCount: Int { period + 1 }

  public func reset() {
    positive.removeAll()
    negative.removeAll()
    positiveSum = 0
    negativeSum = 0
    previousTypical = 0
    count = 0
  }

  public func exportState(into writer: inout StateWriter) throws {
    header.write(into: &writer)
    writer.write(count)
    writer.write(previousTypical)
    writer.write(positiveSum)
    writer.write(negativeSum)
    positive.write(into: &writer)
    negative.write(into: &writer)
  }

  public func importState(from reader: inout StateReader, version: UInt32) throws {
    try header.check(from: &reader, version: version)
    let stateCount = try reader.readInt()
    guard (0...(period + 1)).contains(stateCount) else {
      throw PluginError.invalidArgument("mfi: state count \(stateCount) outside 0...\(period + 1)")
    }
    count = stateCount
    previousTypical = try reader.readDouble()
    positiveSum = try reader.readDouble()
    negativeSum = try reader.readDouble()
    try positive.read(from: &reader)
    try negative.read(from: &reader)
    try reader.finish()
  }
}

@_cdecl("tradehost_plugin_entry_mfi")
public func tradehostPluginEntryMoneyFlowIndex() -> UnsafeRawPointer {
  PluginExport.indicator(MoneyFlowIndexIndicator.self, id: "mfi", version: "1.0.0")
}
