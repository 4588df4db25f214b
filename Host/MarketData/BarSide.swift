/// Which bars a bid/ask bar file turns into. Pure data; raw values are the CLI's names.
public enum BarSide: String, Sendable, Hashable, CaseIterable {
  /// The bid columns.
  case bid
  /// The ask columns.
  case ask
  /// `(bid + ask) / 2` for each of open, high, low and close, rounded half to even at the price
  /// precision (rounding is monotonic, so mid bars of consistent bid and ask bars are
  /// consistent).
  case mid
}
