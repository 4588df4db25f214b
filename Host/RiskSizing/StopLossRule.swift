/// The initial stop: `atrMultiple` ATRs from the entry price, below it for a long and above it
/// for a short. Its distance from the entry is the trade's risk unit R. Plain data.
public struct StopLossRule: Hashable, Sendable {
  /// The default distance, in ATRs.
  public static let defaultATRMultiple = 2.0

  /// The distance from the entry, in ATRs (positive).
  public var atrMultiple: Double

  public init(atrMultiple: Double = StopLossRule.defaultATRMultiple) {
    self.atrMultiple = atrMultiple
  }
}
