import PluginKit

/// Relative strength index with Wilder's smoothing, computed as TA-Lib's `RSI` does.
///
/// The first output comes after `period + 1` inputs (`period` changes): the average gain and
/// average loss of those changes. Later changes update them as
/// `avg = (avg * (period - 1) + change) / period`, and the output is
/// `100 * avgGain / (avgGain + avgLoss)`, or 0 when both are zero (a flat series).
public final class RSIIndicator: IndicatorPlugin {
  public static var stateVersion: UInt32 { 1 }

  /// TA-Lib's zero band for `avgGain + avgLoss` (`TA_IS_ZERO`, TA-Lib 0.6 and later).
  private static let zeroBand = 1e-14

  private let period: Int
  private var count = 0
  private var previous = 0.0
  /// Sums of gains and losses during the warm-up, averages afterwards.
  private var gain = 0.0
  private var loss = 0.0
  private var output = Double.nan

  public init(host: HostContext, parameters: PluginParameters) throws {
    period = try parameters.int("period")
    guard period >= 2 else {
      throw PluginError.invalidArgument("period must be at least 2, got \(period)")
    }
  }

  public func update(value: Double, at timestamp: Int64) {
    defer { if count < Int.max { count += 1 } }
    guard count > 0 else {
      previous = value
      return
    }
    let change = value - previous
    previous = value
    if count <= period {
      if change < 0 { loss -= change } else { gain += change }
      guard count == period else { return }
    } else {
      loss *= Double(period - 1)
      gain *= Double(period - 1)
      if change < 0 { loss -= change } else { gain += change }
    }
    loss /= Double(period)
    gain /= Double(period)
    let total = gain + loss
    output = (-Self.zeroBand < total && total < Self.zeroBand) ? 0 : 100.0 * (gain / total)
  }

  public func value(_ index: Int) -> Double { isReady ? output : .nan }

  public var isReady: Bool { count > period }

  public var warmupCount: Int { period + 1 }

  public func reset() {
    count = 0
    previous = 0
    gain = 0
    loss = 0
    output = .nan
  }

  public func exportState(into writer: inout StateWriter) throws {
    writer.write(period)
    writer.write(count)
    writer.write(previous)
    writer.write(gain)
    writer.write(loss)
    writer.write(output)
  }

  public func importState(from reader: inout StateReader, version: UInt32) throws {
    guard version == Self.stateVersion else {
      throw PluginError.stateVersion("rsi reads state version 1, got \(version)")
    }
    let statePeriod = try reader.readInt()
    let stateCount = try reader.readInt()
    let values = try (0..<4).map { _ in try reader.readDouble() }
    try reader.finish()
    guard statePeriod == period, stateCount >= 0 else {
      throw PluginError.invalidArgument(
        "state is for period \(statePeriod), this instance has period \(period)")
    }
    count = stateCount
    (previous, gain, loss, output) = (values[0], values[1], values[2], values[3])
  }
}

@_cdecl("tradehost_plugin_entry")
public func tradehostPluginEntry() -> UnsafeRawPointer {
  PluginExport.indicator(RSIIndicator.self, id: "rsi", version: "1.0.0")
}
