/// What the account may do, enforced by the kernel on every order before any venue sees it,
/// whatever the risk wrapper's limits (`tradehost backtest|run --account`, a run config's
/// `account:` key; docs/accounts.md).
///
/// - `cash`: no short selling (no slot may sell more than it holds, counting its working sells)
///   and no buying beyond the cash left: the account's cash minus what its long positions cost
///   minus what its working buys (and their fees) would cost.
/// - `margin`: shorts allowed; the gross exposure (every position's absolute value at the
///   marks, counting working orders as filled on the side that reaches furthest) stays within
///   `maxLeverage × equity` after any order that adds to it. `margin:none` (no leverage cap)
///   leaves exposure to the risk limits and the venue, as before account types existed: only
///   for runs that must lever without bound (ledger overflow tests), never the default.
///
/// An order that reduces (never reaches further than the position and working orders already
/// do) always passes. An off-book shadow slot is checked against its own sub-ledger, the
/// on-book slots against the account. Pure value; any thread.
public enum AccountModel: Sendable, Hashable, CustomStringConvertible {
  /// Pays in full for what it buys; never short.
  case cash
  /// Borrows up to `maxLeverage × equity` of gross exposure (`nil`: no cap); may be short.
  case margin(maxLeverage: Leverage?)

  /// The default: a margin account with leverage 1 (what the ledger's accounting convention,
  /// NautilusTrader's margin account, assumes; the peer parity runs stay far inside it).
  public static let standard = AccountModel.margin(maxLeverage: Leverage(hundredths: 100))

  /// Parses `cash`, `margin` (leverage 1) or `margin:LEVERAGE` (`margin:2`, `margin:2.5`; a
  /// positive number with at most two decimals, at most 1000; `margin:none`: no cap). Answers
  /// why not otherwise.
  public static func parse(_ text: String) -> Result<AccountModel, AccountModelError> {
    if text == "cash" { return .success(.cash) }
    if text == "margin" { return .success(.standard) }
    guard text.hasPrefix("margin:") else { return .failure(.unknownType(text)) }
    let number = String(text.dropFirst("margin:".count))
    if number == "none" { return .success(.margin(maxLeverage: nil)) }
    guard let leverage = Leverage(number) else { return .failure(.badLeverage(number)) }
    return .success(.margin(maxLeverage: leverage))
  }

  /// One line for reports and status: what the kernel enforces.
  public var summary: String {
    switch self {
    case .cash:
      "cash (no short selling, no buying beyond the cash left; working orders counted)"
    case .margin(let leverage?):
      "margin:\(leverage) (gross exposure at most \(leverage) x equity, working orders counted; shorts allowed)"
    case .margin(nil):
      "margin:none (no leverage cap: only the risk limits and the venue bound exposure; shorts allowed)"
    }
  }

  /// `cash` or `margin:LEVERAGE` (as `parse` reads it).
  public var description: String {
    switch self {
    case .cash: "cash"
    case .margin(let leverage): "margin:\(leverage.map(\.description) ?? "none")"
    }
  }
}

/// Why an account model's text was refused.
public enum AccountModelError: Error, Equatable, Sendable, CustomStringConvertible {
  /// Neither `cash` nor `margin[:LEVERAGE]`.
  case unknownType(String)
  /// The leverage after `margin:` is not a positive number with at most two decimals up to 1000.
  case badLeverage(String)

  public var description: String {
    switch self {
    case .unknownType(let text):
      "unknown account type '\(text)': expected cash, margin or margin:LEVERAGE (e.g. margin:2, or margin:none for no cap)"
    case .badLeverage(let text):
      "bad leverage '\(text)' in margin:LEVERAGE: expected a number above 0 and at most 1000, with at most two decimals, or none"
    }
  }
}
