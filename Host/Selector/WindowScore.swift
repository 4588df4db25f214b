/// What one run over one window gave: its per-event returns' moments, its worst drawdown, its
/// compounded return and its fills. The equity after each event is the kernel's mark to market
/// of the whole account (the same figure `tradehost backtest` reports), starting from the
/// starting capital at the window's first event.
public struct WindowScore: Sendable, Equatable {
  public var moments: ReturnMoments
  /// The largest fall of equity from its running peak, as a fraction of the peak.
  public var maxDrawdown: Double
  /// Final equity over starting equity, minus 1.
  public var totalReturn: Double
  public var fills: Int

  public init(moments: ReturnMoments, maxDrawdown: Double, totalReturn: Double, fills: Int) {
    self.moments = moments
    self.maxDrawdown = maxDrawdown
    self.totalReturn = totalReturn
    self.fills = fills
  }

  /// The score of an equity curve (raw units, one value per event) that starts at `start`.
  public init(start: Int64, curve: some Sequence<Int64>, fills: Int) {
    var moments = ReturnMoments()
    var previous = Double(start)
    var peak = Double(start)
    var drawdown = 0.0
    for raw in curve {
      let equity = Double(raw)
      moments.add(previous > 0 ? equity / previous - 1 : 0)
      previous = equity
      if equity > peak {
        peak = equity
      } else if peak > 0 {
        drawdown = Swift.max(drawdown, (peak - equity) / peak)
      }
    }
    self.init(
      moments: moments, maxDrawdown: drawdown,
      totalReturn: start > 0 ? previous / Double(start) - 1 : 0, fills: fills)
  }
}
