import PluginKit

/// Wilder's relative strength index as TA-Lib computes it (`RSI`): the first average gain and
/// loss are the means of the first `period` changes, later ones `(avg * (period - 1) + new) /
/// period`; `100 * gain / (gain + loss)`, 0 when both are (within 1e-14 of) 0. A value after
/// `period + 1` inputs. The building block of `stochrsi`.
struct WilderRSI {
  private static let zeroBand = 1e-14

  let period: Int
  private var count = 0
  private var previous = 0.0
  private var gain = 0.0
  private var loss = 0.0

  init(period: Int) { self.period = period }

  /// Adds an input; the RSI once `period + 1` inputs are in, else nil.
  mutating func add(_ value: Double) -> Double? {
    defer { if count <= period { count += 1 } }
    guard count > 0 else {
      previous = value
      return nil
    }
    let change = value - previous
    previous = value
    if count <= period {
      if change < 0 { loss -= change } else { gain += change }
      guard count == period else { return nil }
    } else {
      loss *= Double(period - 1)
      gain *= Double(period - 1)
      if change < 0 { loss -= change } else { gain += change }
    }
    loss /= Double(period)
    gain /= Double(period)
    let total = gain + loss
    return (-Self.zeroBand < total && total < Self.zeroBand) ? 0 : 100.0 * (gain / total)
  }

  mutating func reset() { self = WilderRSI(period: period) }

  func write(into writer: inout StateWriter) {
    writer.write(count)
    writer.write(previous)
    writer.write(gain)
    writer.write(loss)
  }

  mutating func read(from reader: inout StateReader) throws {
    count = try reader.readInt()
    guard (0...(period + 1)).contains(count) else {
      throw PluginError.invalidArgument("rsi state: count \(count) outside 0...\(period + 1)")
    }
    previous = try reader.readDouble()
    gain = try reader.readDouble()
    loss = try reader.readDouble()
  }
}
