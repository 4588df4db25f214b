/// A stop that follows the best price since entry (the highest high of a long, the lowest low of
/// a short) at a fixed distance, and only ever tightens. Plain data.
public enum TrailingStopRule: Hashable, Sendable {
  /// This many ATRs (at the time of each update) behind the best price (positive).
  case atrMultiple(Double)
  /// This fraction of the best price behind it (`0.05` = 5%; in `(0, 1)`).
  case fraction(Double)
}
