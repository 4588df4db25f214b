import PluginKit

/// Parabolic stop and reverse (TA-Lib's `SAR`; Wilder, "New Concepts in Technical Trading
/// Systems", 1978). The first trend is short when the second bar has a positive -DM against the
/// first (its low fell by more than its high rose), else long; a long trend starts its stop at the
/// first bar's low with the extreme point at the second bar's high (a short one at the first high
/// and second low). Each bar: a long position reverses when the low reaches the stop, which then
/// becomes the extreme point (no lower than the last two highs); otherwise a new high moves the
/// extreme point and raises the acceleration by `acceleration` up to `maximum`, and the next stop is
/// `stop + af * (ep - stop)`, no higher than the last two lows (mirrored when short). The output at
/// a bar is the stop in force for it. Ready after 2 bars (TA-Lib's lookback 1).
public final class ParabolicSARIndicator: IndicatorPlugin {
  public static var input: IndicatorInputKind { .bar }
  public static var stateVersion: UInt32 { 1 }

  private let acceleration: Double
  private let maximum: Double
  private var count = 0
  private var isLong = true
  private var factor = 0.0
  private var extreme = 0.0
  private var stop = 0.0
  private var newHigh = 0.0
  private var newLow = 0.0
  private var output = Double.nan

  public init(host: HostContext, parameters: PluginParameters) throws {
    acceleration = try parameters.double("acceleration")
    maximum = try parameters.double("maximum")
    guard acceleration >= 0, maximum >= acceleration else {
      throw PluginError.invalidArgument(
        "need 0 <= acceleration (\(acceleration)) <= maximum (\(maximum))")
    }
    factor = acceleration
  }

  private var header: StateHeader {
    StateHeader(id: "sar", parameters: [acceleration, maximum])
  }

  public func update(bar: Bar) { add(high: bar.high, low: bar.low) }
  public func update(value: Double, at timestamp: Int64) { add(high: value, low: value) }

  private func add(high: Double, low: Double) {
    defer { if count < 2 { count += 1 } }
    if count == 0 {
      newHigh = high
      newLow = low
      return
    }
    if count == 1 {
      let down = newLow - low
      let up = high - newHigh
      isLong = !(down > 0 && up < down)
      if isLong {
        extreme = high
        stop = newLow
      } else {
        extreme = low
        stop = newHigh
      }
      newHigh = high
      newLow = low
    }
    let previousLow = newLow
    let previousHigh = newHigh
    newLow = low
    newHigh = high
    if isLong {
      if newLow <= stop {
        isLong = false
        stop = max(extreme, previousHigh, newHigh)
        output = stop
        factor = acceleration
        extreme = newLow
        stop = max(stop + factor * (extreme - stop), previousHigh, newHigh)
      } else {
        output = stop
        if newHigh > extreme {
          extreme = newHigh
          factor = min(factor + acceleration, maximum)
        }
        stop = min(stop + factor * (extreme - stop), previousLow, newLow)
      }
    } else {
      if newHigh >= stop {
        isLong = true
        stop = min(extreme, previousLow, newLow)
        output = stop
        factor = acceleration
        extreme = newHigh
        stop = min(stop + factor * (extreme - stop), previousLow, newLow)
      } else {
        output = stop
        if newLow < extreme {
          extreme = newLow
          factor = min(factor + acceleration, maximum)
        }
        stop = max(stop + factor * (extreme - stop), previousHigh, newHigh)
      }
    }
  }

  public func value(_ index: Int) -> Double { isReady ? output : .nan }
  public var isReady: Bool { count >= 2 }
  public var warmupCount: Int { 2 }

  public func reset() {
    count = 0
    isLong = true
    factor = acceleration
    extreme = 0
    stop = 0
    newHigh = 0
    newLow = 0
    output = .nan
  }

  public func exportState(into writer: inout StateWriter) throws {
    header.write(into: &writer)
    writer.write(count)
    writer.write(isLong)
    for field in [factor, extreme, stop, newHigh, newLow, output] { writer.write(field) }
  }

  public func importState(from reader: inout StateReader, version: UInt32) throws {
    try header.check(from: &reader, version: version)
    let stateCount = try reader.readInt()
    guard (0...2).contains(stateCount) else {
      throw PluginError.invalidArgument("sar: state count \(stateCount) outside 0...2")
    }
    count = stateCount
    isLong = try reader.readBool()
    factor = try reader.readDouble()
    extreme = try reader.readDouble()
    stop = try reader.readDouble()
    newHigh = try reader.readDouble()
    newLow = try reader.readDouble()
    output = try reader.readDouble()
    try reader.finish()
  }
}

@_cdecl("tradehost_plugin_entry_sar")
public func tradehostPluginEntryParabolicSAR() -> UnsafeRawPointer {
  PluginExport.indicator(ParabolicSARIndicator.self, id: "sar", version: "1.0.0")
}
