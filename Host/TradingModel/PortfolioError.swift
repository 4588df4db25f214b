/// Why a `Portfolio` could not be built: every problem found, not just the first. A plain value,
/// usable from any thread.
public struct PortfolioError: Error, Equatable, Sendable, CustomStringConvertible {
  /// One problem with the arguments.
  public enum Problem: Equatable, Sendable, CustomStringConvertible {
    /// No slot capital was given: a portfolio needs at least one slot.
    case noSlots
    /// The instrument at `index` has id `id`; ids must be dense (`instruments[i].id == i`).
    case instrumentIndex(index: Int, id: InstrumentID)
    /// An instrument is quoted in another currency than the account's (one currency for now).
    case instrumentCurrency(symbol: String, currency: Currency, account: Currency)
    /// A slot's capital is in another currency than the account's.
    case capitalCurrency(slot: SlotID, currency: Currency, account: Currency)
    /// A slot's capital, or their sum, exceeds what the ledger can hold for this many slots
    /// and instruments (`Portfolio.amountLimit`).
    case capitalOutOfRange(limit: Money)

    public var description: String {
      switch self {
      case .noSlots: "no slots: give the capital of at least one slot"
      case .instrumentIndex(let index, let id):
        "instrument #\(index) has id \(id); ids must equal their index"
      case .instrumentCurrency(let symbol, let currency, let account):
        "instrument \(symbol) is in \(currency), the account is in \(account)"
      case .capitalCurrency(let slot, let currency, let account):
        "slot \(slot)'s capital is in \(currency), the account is in \(account)"
      case .capitalOutOfRange(let limit):
        "the capital exceeds \(limit), the most the ledger holds exactly per slot for this run"
      }
    }
  }

  /// Every problem found, in argument order.
  public var problems: [Problem]

  public init(problems: [Problem]) { self.problems = problems }

  public var description: String {
    "invalid portfolio: " + problems.map(\.description).joined(separator: "; ")
  }
}
