import PluginHost
import TradingModel

/// The CSV of `tradehost indicators run`: `ts_event` and one column per output, one row per bar,
/// outputs empty while the indicator is not ready and written in Swift's shortest round-trip
/// form otherwise (a NaN output of a ready indicator is written `nan`, never left out).
enum IndicatorCSV {
  static func render(_ indicator: IndicatorInstance, bars: [Bar]) -> String {
    let outputs = indicator.outputNames.count
    var text = "ts_event," + indicator.outputNames.joined(separator: ",") + "\n"
    text.reserveCapacity(bars.count * (20 + 20 * outputs))
    for bar in bars {
      indicator.update(bar.abi)
      text += String(bar.timestamp)
      let ready = indicator.isReady
      for output in 0..<outputs {
        text += ","
        if ready { text += "\(indicator.value(output))" }
      }
      text += "\n"
    }
    return text
  }
}
