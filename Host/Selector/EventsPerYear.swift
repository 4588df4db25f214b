import TradingModel

/// How many events a year of the data holds, to annualize a Sharpe ratio measured per event:
/// the events per UTC day that has any, times 365 when some day of the data is a Saturday (a
/// market that trades every day) or else 252, the convention `tradehost backtest` uses for its
/// daily Sharpe ratio.
public enum EventsPerYear {
  public static func of(_ events: [MarketEvent]) -> Double {
    guard !events.isEmpty else { return 1 }
    var days = 0
    var lastDay = Int64.min
    var saturday = false
    for event in events {
      let day = UTCDay.of(event.timestamp)
      guard day != lastDay else { continue }
      lastDay = day
      days += 1
      // Day 0 (1970-01-01) was a Thursday: (day + 4) mod 7 is 6 on Saturdays.
      if ((day + 4) % 7 + 7) % 7 == 6 { saturday = true }
    }
    return Double(events.count) / Double(days) * (saturday ? 365 : 252)
  }
}
