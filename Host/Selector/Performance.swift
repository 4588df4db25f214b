/// A genome's figures over several windows (its in-sample or its out-of-sample windows), and the
/// fitness the search ranks by.
///
/// - `sharpe`: the pooled per-event returns' mean over their standard deviation, times the
///   square root of the events in a year (`eventsPerYear`, from the data's own calendar).
/// - `maxDrawdown`: the worst window's drawdown, a fraction.
/// - `fitness = sharpe - drawdownPenalty * maxDrawdown`: reward per unit of risk, less a charge
///   for the deepest fall an investor would have sat through.
public struct Performance: Sendable, Equatable {
  /// The windows' returns pooled in window order.
  public let moments: ReturnMoments
  public let sharpe: Double
  public let maxDrawdown: Double
  /// The windows' returns compounded.
  public let totalReturn: Double
  public let fills: Int
  public let fitness: Double

  public init(windows: [WindowScore], eventsPerYear: Double, drawdownPenalty: Double) {
    var moments = ReturnMoments()
    var growth = 1.0
    var drawdown = 0.0
    var fills = 0
    for window in windows {
      moments.add(window.moments)
      growth *= 1 + window.totalReturn
      drawdown = Swift.max(drawdown, window.maxDrawdown)
      fills += window.fills
    }
    self.moments = moments
    self.sharpe = moments.sharpe * eventsPerYear.squareRoot()
    self.maxDrawdown = drawdown
    self.totalReturn = growth - 1
    self.fills = fills
    self.fitness = sharpe - drawdownPenalty * drawdown
  }
}
