import Deployment
import Kernel
import MarketData
import Risk
import TradingModel

/// A backtest ready to run: the kernel with its slots built, and every market event loaded and
/// merged in time order. Built by `BacktestRunner.prepare`; run once.
public final class PreparedBacktest {
  public let kernel: Kernel
  /// The merged events (all files, time order; ties keep the files' order).
  public let events: [MarketEvent]
  /// The data files and their instruments, for the report.
  public let sources: [(path: String, instrument: String)]
  /// How each file was obtained (`parsed` or `cache`), in file order.
  public let origins: [LoadedSeries.Origin]
  /// The slots' parameters as given.
  public let parameters: [String: [(String, String)]]
  /// The risk wrapper guarding the kernel (`nil` when the caller gave its own gate).
  public let risk: RiskWrapper?
  /// The slot deployer managing the slots, if the run has deployments.
  public let deployer: SlotDeployer?

  init(
    kernel: Kernel, events: [MarketEvent], sources: [(path: String, instrument: String)],
    origins: [LoadedSeries.Origin], parameters: [String: [(String, String)]], risk: RiskWrapper?,
    deployer: SlotDeployer?
  ) {
    self.risk = risk
    self.deployer = deployer
    self.kernel = kernel
    self.events = events
    self.sources = sources
    self.origins = origins
    self.parameters = parameters
  }
}
