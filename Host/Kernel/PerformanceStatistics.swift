import TradingModel

/// A run's figures, computed once at the end from the kernel's counters, recorder and ledgers.
///
/// Conventions (also in `docs/backtesting.md`):
/// - Returns are daily: the equity at the last event of each UTC day against the previous day's
///   (the first day against the starting equity). Sharpe = mean / sample standard deviation x
///   sqrt(D); Sortino = mean / downside deviation (root mean square of the negative returns over
///   all days) x sqrt(D); risk-free rate 0. `nil` (JSON null) when undefined: fewer than two
///   days, or no dispersion. D is the data's own calendar: 365 when any day of the data is a
///   Saturday (UTC: a market that trades every day, such as crypto), else 252 (weekday markets;
///   FX's Sunday-evening open does not count). The report says which (`annualization_days`).
/// - Max drawdown: the largest fall of mark-to-market equity (after every event) from its running
///   peak, as a fraction of the peak; the peak starts at the starting equity.
/// - A round trip is a position going from flat (or from the other side) back to flat; its PnL
///   is realized PnL net of the fees of its fills. Win rate = winning round trips / round trips;
///   profit factor = gross profit / gross loss of round trips (`nil` with no losing round trip).
/// - Exposure: the fraction of events after which any slot held a position.
public struct PerformanceStatistics: Sendable, Equatable {
  public var events: Int
  public var bars: Int
  public var orders: Int
  public var denials: Int
  public var fills: Int
  /// Fills and marks the ledger refused (an amount beyond what it can hold).
  public var refusedFills: Int = 0
  public var refusedMarks: Int = 0
  public var roundTrips: Int
  public var winningRoundTrips: Int
  public var startingEquity: Money
  public var finalEquity: Money
  public var realizedPnL: Money
  public var fees: Money
  public var totalReturn: Double
  public var sharpe: Double?
  public var sortino: Double?
  public var maxDrawdown: Double
  public var maxDrawdownAmount: Money
  public var winRate: Double?
  public var profitFactor: Double?
  public var exposure: Double
  public var tradingDays: Int
  /// Days per year the Sharpe and Sortino are annualised with: 365 when the data has a
  /// Saturday, else 252.
  public var annualizationDays: Int

  /// Figures of the whole account.
  public static func account(of kernel: Kernel) -> PerformanceStatistics {
    let portfolio = kernel.portfolio
    let ledgers = (0..<portfolio.slotCount).map { portfolio.ledger($0) }
    let currency = kernel.configuration.currency
    let recorder = kernel.recorder
    let returns = dailyReturns(recorder)
    let days = annualizationDays(recorder)
    var grossProfit = Money.zero(currency)
    var grossLoss = Money.zero(currency)
    var realized = Money.zero(currency)
    var fees = Money.zero(currency)
    var roundTrips = 0
    var winners = 0
    for ledger in ledgers {
      grossProfit += ledger.grossProfit
      grossLoss += ledger.grossLoss
      realized += ledger.realizedPnL
      fees += ledger.fees
      roundTrips += ledger.roundTrips
      winners += ledger.winningRoundTrips
    }
    let start = recorder.startingEquity
    let final = portfolio.equity
    let totalReturn = start.raw == 0 ? 0 : Double(final.raw - start.raw) / Double(start.raw)
    let winRate: Double? = roundTrips == 0 ? nil : Double(winners) / Double(roundTrips)
    let profitFactor: Double? =
      grossLoss.raw == 0 ? nil : grossProfit.doubleValue / abs(grossLoss.doubleValue)
    let exposure: Double =
      recorder.events == 0 ? 0 : Double(recorder.eventsInMarket) / Double(recorder.events)
    let counters = kernel.counters
    var statistics = PerformanceStatistics(
      events: counters.events, bars: counters.bars, orders: counters.orders,
      denials: counters.denials, fills: counters.fills, roundTrips: roundTrips,
      winningRoundTrips: winners, startingEquity: start, finalEquity: final,
      realizedPnL: realized, fees: fees, totalReturn: totalReturn,
      sharpe: sharpe(returns, daysPerYear: days), sortino: sortino(returns, daysPerYear: days),
      maxDrawdown: recorder.maxDrawdown,
      maxDrawdownAmount: Money(raw: recorder.maxDrawdownAmount, currency: currency),
      winRate: winRate, profitFactor: profitFactor, exposure: exposure,
      tradingDays: recorder.dailyEquity.count, annualizationDays: days)
    statistics.refusedFills = counters.refusedFills
    statistics.refusedMarks = counters.refusedMarks
    return statistics
  }

  /// Daily simple returns (see the type's conventions).
  static func dailyReturns(_ recorder: RunRecorder) -> [Double] {
    var previous = Double(recorder.startingEquity.raw)
    var returns: [Double] = []
    returns.reserveCapacity(recorder.dailyEquity.count)
    for day in recorder.dailyEquity {
      let equity = Double(day.equity)
      returns.append(previous == 0 ? 0 : equity / previous - 1)
      previous = equity
    }
    return returns
  }

  /// 365 when a day of the run is a Saturday (UTC), else 252.
  static func annualizationDays(_ recorder: RunRecorder) -> Int {
    // Day 0 (1970-01-01) was a Thursday: (day + 4) mod 7 is 6 on Saturdays.
    let saturday = recorder.dailyEquity.contains { ((($0.day + 4) % 7) + 7) % 7 == 6 }
    return saturday ? 365 : 252
  }

  static func sharpe(_ returns: [Double], daysPerYear: Int) -> Double? {
    guard returns.count >= 2 else { return nil }
    let mean = returns.reduce(0, +) / Double(returns.count)
    let variance =
      returns.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(returns.count - 1)
    guard variance > 0 else { return nil }
    return mean / variance.squareRoot() * Double(daysPerYear).squareRoot()
  }

  static func sortino(_ returns: [Double], daysPerYear: Int) -> Double? {
    guard returns.count >= 2 else { return nil }
    let mean = returns.reduce(0, +) / Double(returns.count)
    let downside = returns.reduce(0) { $0 + min($1, 0) * min($1, 0) } / Double(returns.count)
    guard downside > 0 else { return nil }
    return mean / downside.squareRoot() * Double(daysPerYear).squareRoot()
  }
}
