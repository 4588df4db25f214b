import TradingModel

extension Portfolio {
  /// Whether any slot holds a position in any instrument (exposure statistics). Reads positions
  /// in place: no ledger copy.
  @inline(__always)
  func hasOpenPosition(instruments: Int) -> Bool {
    for slot in 0..<slotCount {
      for instrument in 0..<instruments
      where !position(slot: slot, instrument: InstrumentID(instrument)).isFlat {
        return true
      }
    }
    return false
  }
}
