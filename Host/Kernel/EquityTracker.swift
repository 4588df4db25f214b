import TradingModel

/// The account's mark-to-market equity, kept up to date per event at the cost of the event's
/// instrument only: each instrument's unrealized PnL (summed over slots) is cached and refreshed
/// when its mark moves or one of its positions fills. The terms are the portfolio's own exact
/// per-position values, so the total always equals `Portfolio.equity` (a test checks it).
///
/// Kernel-thread only; no allocation.
struct EquityTracker {
  /// Unrealized PnL per instrument, raw account-currency units.
  private var unrealized: [Int64]
  private var unrealizedTotal: Int64 = 0
  /// Open (slot, instrument) positions.
  private(set) var openPositions = 0

  init(instruments: Int) {
    unrealized = Array(repeating: 0, count: instruments)
  }

  /// Recomputes `instrument`'s unrealized PnL across the on-book slots after a mark or a fill.
  @inline(__always)
  mutating func refresh(
    _ instrument: InstrumentID, portfolio: inout Portfolio, instruments: [Instrument]
  ) {
    var sum: Int64 = 0
    if let mark = portfolio.markPrice(instrument) {
      for slot in 0..<portfolio.slotCount where portfolio.isOnBook(slot) {
        let position = portfolio.position(slot: slot, instrument: instrument)
        if !position.isFlat {
          // Within the portfolio's amount limit (it refuses fills and marks past it), so the
          // sum over slots and instruments fits.
          sum += Portfolio.bounded(
            position.unrealizedPnL(mark: mark, instrument: instruments[Int(instrument)])).raw
        }
      }
    }
    let index = Int(instrument)
    unrealizedTotal += sum - unrealized[index]
    unrealized[index] = sum
  }

  /// Counts a position that opened (`+1`) or closed (`-1`).
  @inline(__always)
  mutating func positionsChanged(by delta: Int) {
    openPositions += delta
  }

  /// Equity = the account's cash + every instrument's unrealized PnL (raw).
  @inline(__always)
  func equity(cash: Money) -> Int64 { cash.raw + unrealizedTotal }
}
