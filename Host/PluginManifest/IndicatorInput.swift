/// What an indicator consumes, declared by the manifest key `input` (default `bar`).
public enum IndicatorInput: String, Sendable, CaseIterable {
  /// Whole bars (open, high, low, close, volume).
  case bar
  /// A single value per step, such as another indicator's output.
  case value
}
