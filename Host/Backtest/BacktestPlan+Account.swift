import TradingModel
import Yams

extension BacktestPlan {
  /// The run config's `account.type` (`cash` or `margin`) and `account.max_leverage` (a margin
  /// account's: a number, default 1, or `none`): `nil` when neither is given or one is wrong
  /// (the problem, with its line and column, is in `reader`).
  static func readAccountModel(_ entries: [String: Node], _ reader: inout PlanReader)
    -> AccountModel?
  {
    let type = reader.string(entries["type"], "account.type")
    // The margin account `max_leverage` names, when it is given.
    var margin: AccountModel?
    if let node = entries["max_leverage"],
      let text = reader.string(node, "account.max_leverage")
    {
      if text == "none" {
        margin = .margin(maxLeverage: nil)
      } else if let leverage = Leverage(text) {
        margin = .margin(maxLeverage: leverage)
      } else {
        reader.problem(
          node,
          "account.max_leverage must be a number above 0 and at most 1000 with at most two decimals, or none, not '\(text)'"
        )
        return nil
      }
    }
    switch type {
    case nil:
      return margin
    case "margin":
      return margin ?? .standard
    case "cash":
      if let node = entries["max_leverage"] {
        reader.problem(node, "account.max_leverage applies to a margin account, not a cash one")
        return nil
      }
      return .cash
    case let other?:
      if let node = entries["type"] {
        reader.problem(node, "account.type must be cash or margin, not '\(other)'")
      }
      return nil
    }
  }
}
