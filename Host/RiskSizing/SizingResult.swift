import TradingModel

/// The outcome of sizing an entry order. A missing or unusable input is an answer, not a crash:
/// the risk wrapper denies the order and names the input in the reason.
public enum SizingResult: Hashable, Sendable {
  /// The largest quantity the entry may have: a whole number of lots at the instrument's size
  /// precision, zero when not even the instrument's minimum fits.
  case quantity(Quantity)
  /// The rule needs this input and the caller did not supply it.
  case missing(SizingInput)
  /// This input is NaN, infinite, negative, out of range, or in the wrong currency.
  case invalid(SizingInput)
}
