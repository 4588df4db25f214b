/// When a market order sent from a strategy callback fills in a simulation.
public enum MarketFillTiming: String, Sendable, CaseIterable {
  /// At the price of the event that triggered the decision: a bar's close (the peers'
  /// "cheat-on-close" / bar-execution convention), or the quote's ask / bid. Optimistic: the
  /// strategy trades at a price it has just seen.
  case close
  /// At the next event of the instrument: the next bar's open, the next quote's ask / bid, the
  /// next trade's price. No look-ahead by construction.
  case nextOpen = "next-open"
}
