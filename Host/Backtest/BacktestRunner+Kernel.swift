import Kernel
import PluginHost
import Risk
import TradingModel

extension BacktestRunner {
  /// A kernel for `plan`'s rules over a market already loaded (`loadMarket`), with `slots` in
  /// place of the plan's: the same instruments, execution settings, venues and risk wrapper a
  /// backtest of the plan gets, built without reading any file. The selector builds one per
  /// evaluation and shares `market` read-only between them.
  ///
  /// - Parameters:
  ///   - startTime: where the historical clock starts (the first event the kernel will see).
  ///   - expectedEvents: the events the caller will feed (reserves the equity curve).
  /// - Returns: the kernel and the risk wrapper guarding it.
  /// - Throws: `PlanError` when the risk limits, a venue or a strategy cannot be built.
  public static func makeKernel(
    _ plan: BacktestPlan, market: LoadedMarket, slots: [SlotSpec], registry: PluginRegistry,
    startTime: Int64, expectedEvents: Int, recordEquityCurve: Bool,
    audit: AuditTrail = AuditTrail(), log: @escaping KernelLogSink = KernelLog.standardError
  ) throws(PlanError) -> (kernel: Kernel, risk: RiskWrapper) {
    let clock = HistoricalClock(start: startTime)
    let configuration = KernelConfiguration(
      instruments: market.instruments, currency: market.currency, slots: slots,
      execution: plan.execution, maxOrderQuantity: market.maxOrderQuantity)
    let risk: RiskWrapper
    do {
      risk = try RiskWrapper(configuration: plan.risk, audit: audit)
    } catch {
      throw PlanError(error.description)
    }
    let routes = try plan.venueRoutes(
      configuration: configuration, registry: registry, now: { clock.now() }, log: log)
    do {
      let kernel = try Kernel(
        configuration: configuration, registry: registry, clock: clock, gate: risk,
        venues: routes, recordEquityCurve: recordEquityCurve, expectedEvents: expectedEvents,
        log: log)
      return (kernel, risk)
    } catch {
      throw PlanError(error.description)
    }
  }
}
