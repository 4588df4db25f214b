/// Which clock a paper session's kernel runs on: the risk wrapper's cooldowns, day counters
/// and rate limits, the plugins' `now`, the deployment rules' periods and the audit times all
/// read it.
public enum SessionTime {
  /// The market's clock: the session moves this clock (the kernel's) to each round's time, so a
  /// market generated or replayed faster or slower than real time is timed by its own bars.
  case market(HistoricalClock)
  /// The wall clock (the kernel's is a `WallClock`): a real-time session, whose bars close at
  /// the wall clock's now.
  case wall
}
