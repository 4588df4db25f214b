import PluginKit

/// Average directional movement index with its directional indicators (TA-Lib's `ADX`,
/// `PLUS_DI`, `MINUS_DI`; Wilder, "New Concepts in Technical Trading Systems", 1978).
///
/// Per bar: `+DM = high - previous high` when that exceeds `previous low - low` and is positive,
/// `-DM` the reverse, else 0; the true range as `trange`. The first `period - 1` bars after the
/// first are summed; from then on each sum is smoothed as `s - s / period + new`.
/// `plus_di = 100 * +DM / TR` and `minus_di = 100 * -DM / TR` (0 when TR is 0);
/// `DX = 100 * |+DI - -DI| / (+DI + -DI)`. The first ADX is the mean of the first `period` DX
/// values, later ones `(adx * (period - 1) + dx) / period`; a bar whose TR or DI sum is 0 leaves
/// the ADX as it was (as TA-Lib). All three outputs are ready after `2 * period` bars (TA-Lib's
/// ADX lookback `2 * period - 1`; its DI values start earlier, at `period`).
public final class DirectionalMovementIndicator: IndicatorPlugin {
  public static var input: IndicatorInputKind { .bar }
  public static var stateVersion: UInt32 { 1 }
  public static var outputNames: [String] { ["adx", "plus_di", "minus_di"] }

  private let period: Int
  private var count = 0
  private var previousHigh = 0.0
  private var previousLow = 0.0
  private var previousClose = 0.0
  private var plusDM = 0.0
  private var minusDM = 0.0
  private var range = 0.0
  private var plusDI = 0.0
  private var minusDI = 0.0
  /// The sum of DX values during the warm-up, the ADX afterwards.
  private var adx = 0.0

  public init(host: HostContext, parameters: PluginParameters) throws {
    period = try parameters.int("period", atLeast: 2)
  }

  private var header: StateHeader { StateHeader(id: "adx", parameters: [Double(period)]) }

  public func update(bar: Bar) { add(high: bar.high, low: bar.low, close: bar.close) }

  public func update(value: Double, at timestamp: Int64) {
    add(high: value, low: value, close: value)
  }

  private func add(high: Double, low: Double, close: Double) {
    defer {
      previousHigh = high
      previousLow = low
      previousClose = close
      if count < 2 * period { count += 1 }
    }
    guard count > 0 else { return }
    let up = high - previousHigh
    let down = previousLow - low
    let bar = trueRange(high: high, low: low, previousClose: previousClose)
    let period = Double(self.period)
    if count < self.period {
      if down > 0 && up < down {
        minusDM += down
      } else if up > 0 && up > down {
        plusDM += up
      }
      range += bar
      return
    }
    minusDM -= minusDM / period
    plusDM -= plusDM / period
    if down > 0 && up < down {
      minusDM += down
    } else if up > 0 && up > down {
      plusDM += up
    }
    range = range - (range / period) + bar
    guard !isZero(range) else {
      plusDI = 0
      minusDI = 0
      if count == 2 * self.period - 1 { adx /= period }
      return
    }
    minusDI = 100.0 * (minusDM / range)
    plusDI = 100.0 * (plusDM / range)
    let sum = minusDI + plusDI
    let dx = isZero(sum) ? Double.nan : 100.0 * (abs(minusDI - plusDI) / sum)
    if count < 2 * self.period {
      if !dx.isNaN { adx += dx }
      if count == 2 * self.period - 1 { adx /= period }
    } else if !dx.isNaN {
      adx = ((adx * (period - 1)) + dx) / period
    }
  }

  /// TA-Lib's `TA_IS_ZERO`: within 1e-8 of 0.
  private func isZero(_ value: Double) -> Bool { value > -0.00000001 && value < 0.00000001 }

  public func value(_ index: Int) -> Double {
    guard isReady else { return .nan }
    switch index {
    case 0: return adx
    case 1: return plusDI
    default: return minusDI
    }
  }

  public var isReady: Bool { count >= 2 * period }
  public var warmupCount: Int { 2 * period }

  public func reset() {
    count = 0
    previousHigh = 0
    previousLow = 0
    previousClose = 0
    plusDM = 0
    minusDM = 0
    range = 0
    plusDI = 0
    minusDI = 0
    adx = 0
  }

  public func exportState(into writer: inout StateWriter) throws {
    header.write(into: &writer)
    writer.write(count)
    for field in [
      previousHigh, previousLow, previousClose, plusDM, minusDM, range, plusDI, minusDI, adx,
    ] {
      writer.write(field)
    }
  }

  public func importState(from reader: inout StateReader, version: UInt32) throws {
    try header.check(from: &reader, version: version)
    let stateCount = try reader.readInt()
    guard (0...(2 * period)).contains(stateCount) else {
      throw PluginError.invalidArgument("adx: state count \(stateCount) outside 0...\(2 * period)")
    }
    count = stateCount
    previousHigh = try reader.readDouble()
    previousLow = try reader.readDouble()
    previousClose = try reader.readDouble()
    plusDM = try reader.readDouble()
    minusDM = try reader.readDouble()
    range = try reader.readDouble()
    plusDI = try reader.readDouble()
    minusDI = try reader.readDouble()
    adx = try reader.readDouble()
    try reader.finish()
  }
}

@_cdecl("tradehost_plugin_entry_adx")
public func tradehostPluginEntryDirectionalMovement() -> UnsafeRawPointer {
  PluginExport.indicator(DirectionalMovementIndicator.self, id: "adx", version: "1.0.0")
}
