import PluginKit

/// Chaikin money flow (Chaikin; as in Achelis, "Technical Analysis from A to Z", 2nd ed., 2013):
/// the sum over the last `period` bars of the money flow volume
/// `((close - low) - (high - close)) / (high - low) * volume` (0 for a bar with `high == low`)
/// divided by the sum of their volumes; 0 when that volume is 0. No TA-Lib twin (TA-Lib's `AD` is
/// its running sum); tested on hand-checked bars. Running sums recomputed over the window every
/// `period` bars (amortised O(1)). Ready after `period` bars.
public final class ChaikinMoneyFlowIndicator: IndicatorPlugin {
  public static var input: IndicatorInputKind { .bar }
  public static var stateVersion: UInt32 { 1 }

  private let period: Int
  private var flows: Window
  private var volumes: Window
  private var flowSum = 0.0
  private var volumeSum = 0.0
  private var sinceResum = Int.max

  public init(host: HostContext, parameters: PluginParameters) throws {
    period = try parameters.int("period", atLeast: 1)
    flows = Window(capacity: period)
    volumes = Window(capacity: period)
  }

  private var header: StateHeader { StateHeader(id: "cmf", parameters: [Double(period)]) }

  public func update(bar: Bar) {
    let range = bar.high - bar.low
    let location = range > 0 ? ((bar.close - bar.low) - (bar.high - bar.close)) / range : 0
    let flow = location * bar.volume
    add(flow: flow, volume: bar.volume)
  }

  /// A bare value has no range and no volume.
  public func update(value: Double, at timestamp: Int64) { add(flow: 0, volume: 0) }

  private func add(flow: Double, volume: Double) {
    if flows.isFull {
      flowSum -= flows.oldest
      volumeSum -= volumes.oldest
    }
    flows.push(flow)
    volumes.push(volume)
    if sinceResum >= period {
      flowSum = 0
      volumeSum = 0
      for age in 0..<flows.count {
        flowSum += flows[age: age]
        volumeSum += volumes[age: age]
      }
      sinceResum = 1
    } else {
      flowSum += flow
      volumeSum += volume
      sinceResum += 1
    }
  }

  public func value(_ index: Int) -> Double {
    guard isReady else { return .nan }
    return volumeSum != 0 ? flowSum / volumeSum : 0
  }

  public var isReady: Bool { flows.isFull }
  public var warmupCount: Int { period }

  public func reset() {
    flows.removeAll()
    volumes.removeAll()
    flowSum = 0
    volumeSum = 0
    sinceResum = Int.max
  }

  public func exportState(into writer: inout StateWriter) throws {
    header.write(into: &writer)
    writer.write(flowSum)
    writer.write(volumeSum)
    writer.write(sinceResum)
    flows.write(into: &writer)
    volumes.write(into: &writer)
  }

  public func importState(from reader: inout StateReader, version: UInt32) throws {
    try header.check(from: &reader, version: version)
    flowSum = try reader.readDouble()
    volumeSum = try reader.readDouble()
    sinceResum = try reader.readInt()
    guard sinceResum >= 0 else { throw PluginError.invalidArgument("cmf: negative state count") }
    try flows.read(from: &reader)
    try volumes.read(from: &reader)
    guard flows.count == volumes.count else {
      throw PluginError.invalidArgument("cmf: state windows differ in length")
    }
    try reader.finish()
  }
}

@_cdecl("tradehost_plugin_entry_cmf")
public func tradehostPluginEntryChaikinMoneyFlow() -> UnsafeRawPointer {
  PluginExport.indicator(ChaikinMoneyFlowIndicator.self, id: "cmf", version: "1.0.0")
}
