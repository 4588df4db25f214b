import ArgumentParser
import Backtest
import Risk
import TradingModel

/// The risk options `backtest` and `run` share: where the limits start from and a risk file
/// over them.
struct RiskOptions: ParsableArguments {
  @Option(
    name: .long,
    help: "Risk limits: a YAML file in the format of a run config's risk section (docs/risk.md).")
  var risk: String?

  @Option(
    name: .long,
    help:
      "Risk limits to start from: default (the design's) or unlimited (no limit, throttle or runaway guard: the kernel's order checks, the trading states, the health breakers and the manual controls stay)."
  )
  var riskPreset: String?

  @Option(
    name: .long,
    help:
      "Where the account goes when an audit record or the risk state cannot be written: halted (default) or reducing (risk.on_write_failure)."
  )
  var onWriteFailure: String?

  @Option(
    name: .long,
    help:
      "The account type the kernel enforces on every order, whatever the risk limits: cash (no short selling, no buying beyond the cash left) or margin[:LEVERAGE] (gross exposure at most LEVERAGE x equity; default margin:1) (docs/accounts.md).",
    transform: RiskOptions.accountModel)
  var account: AccountModel?

  /// `--account`'s text as an account model, or the reason it is refused.
  static func accountModel(_ text: String) throws -> AccountModel {
    switch AccountModel.parse(text) {
    case .success(let model): return model
    case .failure(let error): throw ValidationError(error.description)
    }
  }

  /// The limits these options give over `base` (a run config's, or the defaults); throws one
  /// sentence per problem.
  func configuration(over base: RiskConfiguration, currency: String) throws(PlanError)
    -> RiskConfiguration
  {
    var configuration = base
    if let riskPreset {
      switch riskPreset {
      case "default": configuration = RiskConfiguration()
      case "unlimited": configuration = .unlimited
      default: throw PlanError("--risk-preset must be default or unlimited, not '\(riskPreset)'")
      }
    }
    if let risk {
      guard let currency = Currency.standard(currency) else {
        throw PlanError("unknown account currency '\(currency)'")
      }
      configuration = try BacktestPlan.loadRisk(path: risk, currency: currency)
    }
    if let onWriteFailure {
      guard let policy = WriteFailurePolicy(rawValue: onWriteFailure) else {
        throw PlanError("--on-write-failure must be halted or reducing, not '\(onWriteFailure)'")
      }
      configuration.onWriteFailure = policy
    }
    return configuration
  }
}
