/// `SYMBOL` or `SYMBOL.VENUE` as written in a run config or a flag; the venue defaults to `SIM`.
public struct InstrumentName: Hashable, Sendable {
  public var symbol: String
  public var venue: String

  /// `nil` when empty or with an empty part.
  public init?(_ text: String) {
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    if parts.count == 1, !parts[0].isEmpty {
      symbol = String(parts[0])
      venue = "SIM"
    } else if parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty {
      symbol = String(parts[0])
      venue = String(parts[1])
    } else {
      return nil
    }
  }

  /// `SYMBOL.VENUE`.
  public var qualified: String { "\(symbol).\(venue)" }
}
