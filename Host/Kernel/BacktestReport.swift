import Execution
import TradingModel

/// The outcome of a backtest: what ran on what data under which assumptions, the account's and
/// each slot's figures, and how long it took. `json` is one JSON object with sorted keys;
/// everything in it but `elapsed_s` and `bars_per_second` depends only on the inputs (the
/// determinism tests compare it byte for byte with the timing fields fixed).
public struct BacktestReport: Sendable {
  /// The data sources, as given (`path` and instrument).
  public var data: [(path: String, instrument: String)]
  public var execution: ExecutionConfiguration
  /// The account model the kernel enforced.
  public var account: AccountModel = .standard
  public var statistics: PerformanceStatistics
  public var slots: [SlotStatistics]
  /// The slots' parameters as resolved (`slot name` -> `[(name, value)]`).
  public var parameters: [String: [(String, String)]]
  public var fillDigest: String
  /// The simulator's fills by reason (`FillReason.name` and count, every reason), or empty when
  /// no simulator traded.
  public var fillsByReason: [(reason: String, count: Int)] = []
  /// Denials by reason (`code: text` and count), in code order.
  public var denialsByReason: [(reason: String, count: Int)] = []
  /// Amends strategies asked for, amends venues confirmed, and amends refused.
  public var amends: (requested: Int, confirmed: Int, refused: Int) = (0, 0, 0)
  /// Wall time of the event loop, seconds.
  public var elapsedSeconds: Double
  /// The risk wrapper's trading states at the end (`account`, `slot NAME`, ...; non-active
  /// only), whether deployments are frozen, and its audit records as JSON objects.
  public var tradingStates: [(scope: String, state: String)] = []
  public var deploymentsFrozen = false
  public var auditRecords: [String] = []
  /// The slot deployer's report per slot (JSON objects), when the run had one.
  public var deployment: [String] = []

  public init(
    data: [(path: String, instrument: String)], execution: ExecutionConfiguration,
    statistics: PerformanceStatistics, slots: [SlotStatistics],
    parameters: [String: [(String, String)]], fillDigest: String, elapsedSeconds: Double
  ) {
    self.data = data
    self.execution = execution
    self.statistics = statistics
    self.slots = slots
    self.parameters = parameters
    self.fillDigest = fillDigest
    self.elapsedSeconds = elapsedSeconds
  }

  /// Events per second of the loop (0 when no time was measured).
  public var barsPerSecond: Double {
    elapsedSeconds > 0 ? (Double(statistics.events) / elapsedSeconds).rounded() : 0
  }

  /// The report as one JSON object (keys sorted, money as exact decimals).
  public var json: String {
    let stats = statistics
    var out = JSONText()
    out.beginObject()
    out.string("account", account.description)
    out.beginObject("amends")
    out.int("confirmed", amends.confirmed)
    out.int("refused", amends.refused)
    out.int("requested", amends.requested)
    out.endObject()
    out.int("annualization_days", stats.annualizationDays)
    out.int("bars", stats.bars)
    out.double("bars_per_second", barsPerSecond)
    out.string("currency", stats.finalEquity.currency.code)
    out.beginArray("data")
    for source in data {
      out.beginObject()
      out.string("instrument", source.instrument)
      out.string("path", source.path)
      out.endObject()
    }
    out.endArray()
    out.int("denials", stats.denials)
    out.beginObject("denials_by_reason")
    for (reason, count) in denialsByReason { out.int(reason, count) }
    out.endObject()
    writeDeployment(&out)
    out.double("elapsed_s", (elapsedSeconds * 1e6).rounded() / 1e6)
    out.int("events", stats.events)
    out.beginObject("execution")
    out.string("fees_maker_bp", FixedPoint.format(execution.fees.maker.hundredths, precision: 2))
    out.string("fees_taker_bp", FixedPoint.format(execution.fees.taker.hundredths, precision: 2))
    out.string("fill", execution.marketFill.rawValue)
    out.beginObject("fills_by_reason")
    for (reason, count) in fillsByReason { out.int(reason, count) }
    out.endObject()
    writeExecutionModels(&out)
    out.int("slippage_ticks", Int(execution.slippageTicks))
    out.endObject()
    out.double("exposure", stats.exposure)
    out.decimal("fees", Self.decimal(stats.fees))
    out.string("fills_digest", fillDigest)
    out.int("fills", stats.fills)
    out.decimal("final_equity", Self.decimal(stats.finalEquity))
    out.double("max_drawdown", stats.maxDrawdown)
    out.decimal("max_drawdown_amount", Self.decimal(stats.maxDrawdownAmount))
    out.int("orders", stats.orders)
    out.double("profit_factor", stats.profitFactor)
    out.decimal("realized_pnl", Self.decimal(stats.realizedPnL))
    out.int("refused_fills", stats.refusedFills)
    out.int("refused_marks", stats.refusedMarks)
    writeRisk(&out)
    out.int("round_trips", stats.roundTrips)
    out.double("sharpe", stats.sharpe)
    writeSlots(&out)
    out.double("sortino", stats.sortino)
    out.decimal("starting_equity", Self.decimal(stats.startingEquity))
    out.double("total_return", stats.totalReturn)
    out.int("trading_days", stats.tradingDays)
    out.double("win_rate", stats.winRate)
    out.int("winning_round_trips", stats.winningRoundTrips)
    out.endObject()
    return out.text
  }

  /// `deployment`: the slot deployer's scorecards, only for runs that had one.
  private func writeDeployment(_ out: inout JSONText) {
    guard !deployment.isEmpty else { return }
    out.beginArray("deployment")
    for slot in deployment { out.raw(nil, slot) }
    out.endArray()
  }

  private func writeRisk(_ out: inout JSONText) {
    out.beginObject("risk")
    out.beginArray("audit")
    for record in auditRecords { out.raw(nil, record) }
    out.endArray()
    out.bool("deployments_frozen", deploymentsFrozen)
    out.beginObject("states")
    for (scope, state) in tradingStates { out.string(scope, state) }
    out.endObject()
    out.endObject()
  }

  private func writeSlots(_ out: inout JSONText) {
    out.beginArray("slots")
    for slot in slots {
      out.beginObject()
      out.int("denials", slot.denials)
      out.decimal("equity", Self.decimal(slot.equity))
      out.decimal("fees", Self.decimal(slot.fees))
      out.int("fills", slot.fills)
      out.int("intents", slot.intents)
      out.string("name", slot.name)
      out.int("orders", slot.orders)
      out.beginObject("parameters")
      for (name, value) in (parameters[slot.name] ?? []).sorted(by: { $0.0 < $1.0 }) {
        out.string(name, value)
      }
      out.endObject()
      out.int("plugin_errors", slot.pluginErrors)
      out.decimal("realized_pnl", Self.decimal(slot.realizedPnL))
      out.int("round_trips", slot.roundTrips)
      out.string("strategy", slot.strategy)
      out.string("version", slot.version)
      out.int("winning_round_trips", slot.winningRoundTrips)
      out.endObject()
    }
    out.endArray()
  }

  static func decimal(_ money: Money) -> String {
    FixedPoint.format(money.raw, precision: money.currency.precision)
  }
}
