import TradingModel

extension Portfolio {
  /// The account's equity (raw) and whether any slot holds a position: what the recorder needs
  /// after every event, read in one pass.
  @inline(__always)
  func equityAndExposure(instruments: Int) -> (equity: Int64, inMarket: Bool) {
    var inMarket = false
    outer: for slot in 0..<slotCount {
      for instrument in 0..<instruments
      where !position(slot: slot, instrument: InstrumentID(instrument)).isFlat {
        inMarket = true
        break outer
      }
    }
    return (equity.raw, inMarket)
  }
}
