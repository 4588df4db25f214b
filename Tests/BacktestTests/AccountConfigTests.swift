import Backtest
import Testing
import TradingModel

@Suite("Run configs: the account type")
struct AccountConfigTests {
  func parse(_ account: String) throws(PlanError) -> BacktestPlan {
    try BacktestPlan.parse(
      """
      data: [{path: spy.csv, instrument: SPY}]
      account: \(account)
      slots: [{strategy: ema-cross}]
      """, file: "run.yaml", baseDirectory: "/configs")
  }

  @Test("account.type and account.max_leverage: cash, margin (leverage 1), margin with a leverage; the default is margin:1")
  func types() throws {
    #expect(try parse("{cash: 1000}").account == .standard)
    #expect(AccountModel.standard.description == "margin:1")
    #expect(try parse("{type: cash}").account == .cash)
    #expect(try parse("{type: margin}").account == .margin(maxLeverage: Leverage(hundredths: 100)))
    #expect(
      try parse("{type: margin, max_leverage: 2.5}").account
        == .margin(maxLeverage: Leverage(hundredths: 250)))
    #expect(
      try parse("{max_leverage: 4}").account == .margin(maxLeverage: Leverage(hundredths: 400)))
    #expect(try parse("{type: margin, max_leverage: none}").account == .margin(maxLeverage: nil))
  }

  @Test("a wrong type or leverage is one problem with its line and column")
  func problems() {
    for (account, expected) in [
      ("{type: futures}", "run.yaml:2:17: account.type must be cash or margin, not 'futures'"),
      ("{type: margin, max_leverage: 0}", "run.yaml:2:39: account.max_leverage must be a number above 0"),
      ("{type: margin, max_leverage: 2.555}", "run.yaml:2:39: account.max_leverage must be"),
      ("{type: margin, max_leverage: 1001}", "run.yaml:2:39: account.max_leverage must be"),
      ("{type: cash, max_leverage: 2}", "run.yaml:2:37: account.max_leverage applies to a margin account"),
      ("{kind: cash}", "run.yaml:2:11: account: unknown key 'kind'"),
    ] {
      let error = #expect(throws: PlanError.self, "\(account)") { try parse(account) }
      let lines = error?.problems.map(\.description) ?? []
      #expect(lines.contains { $0.hasPrefix(expected) }, "\(lines)")
    }
  }

  @Test("--account's text: cash, margin, margin:LEVERAGE; anything else says what it expects")
  func flagText() {
    #expect(AccountModel.parse("cash") == .success(.cash))
    #expect(AccountModel.parse("margin") == .success(.standard))
    #expect(AccountModel.parse("margin:2") == .success(.margin(maxLeverage: Leverage(hundredths: 200))))
    #expect(AccountModel.parse("margin:1.25").map(\.description) == .success("margin:1.25"))
    #expect(AccountModel.parse("margin:0.5").map(\.description) == .success("margin:0.5"))
    #expect(AccountModel.parse("margin:none").map(\.description) == .success("margin:none"))
    #expect(AccountModel.parse("margin:x") == .failure(.badLeverage("x")))
    #expect(AccountModel.parse("margin:-2") == .failure(.badLeverage("-2")))
    #expect(AccountModel.parse("Cash") == .failure(.unknownType("Cash")))
  }
}
