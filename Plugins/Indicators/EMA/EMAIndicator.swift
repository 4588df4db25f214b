import PluginKit

/// Exponential moving average of a value series (the close, when fed bars).
///
/// `alpha = 2 / (period + 1)`. Two seedings, chosen by the `seed` parameter:
/// - `first` (default, NautilusTrader's `ExponentialMovingAverage`): the first input becomes the
///   average, and every input, the first included, is blended as `alpha * x + (1 - alpha) * ema`;
///   ready after `period` inputs. The `ema-cross` strategy relies on this form, operation for
///   operation, to reproduce NautilusTrader's trades.
/// - `sma` (TA-Lib's `EMA`): the first `period` inputs are averaged and that mean is the first
///   output; later inputs update it as `(x - ema) * alpha + ema`. Ready after `period` inputs.
public final class EMAIndicator: IndicatorPlugin {
  /// How the average starts.
  enum Seed: String {
    case first
    case sma

    /// Stable number of the seeding in exported state.
    var code: Int { self == .first ? 0 : 1 }
  }

  public static var stateVersion: UInt32 { 1 }

  private let period: Int
  private let alpha: Double
  private let seed: Seed
  /// The running average (during an `sma` warm-up: the sum of the inputs so far).
  private var average = 0.0
  private var count = 0

  public init(host: HostContext, parameters: PluginParameters) throws {
    period = try parameters.int("period")
    guard period >= 1 else {
      throw PluginError.invalidArgument("period must be at least 1, got \(period)")
    }
    let seedName = try parameters.choice("seed")
    guard let seed = Seed(rawValue: seedName) else {
      throw PluginError.invalidArgument("seed must be first or sma, got \(seedName)")
    }
    self.seed = seed
    alpha = 2.0 / (Double(period) + 1.0)
  }

  public func update(value: Double, at timestamp: Int64) {
    switch seed {
    case .first:
      if count == 0 { average = value }
      average = alpha * value + (1.0 - alpha) * average
    case .sma:
      if count < period {
        average += value
        if count + 1 == period { average /= Double(period) }
      } else {
        average = (value - average) * alpha + average
      }
    }
    if count < Int.max { count += 1 }
  }

  public func value(_ index: Int) -> Double { isReady ? average : .nan }

  public var isReady: Bool { count >= period }

  public var warmupCount: Int { period }

  public func reset() {
    average = 0
    count = 0
  }

  public func exportState(into writer: inout StateWriter) throws {
    writer.write(period)
    writer.write(seed.code)
    writer.write(count)
    writer.write(average)
  }

  public func importState(from reader: inout StateReader, version: UInt32) throws {
    guard version == Self.stateVersion else {
      throw PluginError.stateVersion("ema reads state version 1, got \(version)")
    }
    let statePeriod = try reader.readInt()
    let stateSeed = try reader.readInt()
    let stateCount = try reader.readInt()
    let stateAverage = try reader.readDouble()
    try reader.finish()
    guard statePeriod == period, stateSeed == seed.code, stateCount >= 0 else {
      throw PluginError.invalidArgument(
        "state is for period \(statePeriod) seed \(stateSeed == 0 ? "first" : "sma"), "
          + "this instance has period \(period) seed \(seed.rawValue)")
    }
    count = stateCount
    average = stateAverage
  }
}

@_cdecl("tradehost_plugin_entry")
public func tradehostPluginEntry() -> UnsafeRawPointer {
  PluginExport.indicator(EMAIndicator.self, id: "ema", version: "1.0.0")
}
