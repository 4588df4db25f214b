import TradingModel

extension BacktestReport {
  /// A readable summary for a terminal: the assumptions, then the figures, then one line per slot.
  public var summary: String {
    let stats = statistics
    var lines: [String] = []
    func row(_ label: String, _ value: String) {
      lines.append(label.padding(toLength: 18, withPad: " ", startingAt: 0) + value)
    }
    func percent(_ value: Double?) -> String {
      guard let value, value.isFinite else { return "n/a" }
      return Self.fixed(value * 100, 2) + "%"
    }
    func number(_ value: Double?) -> String {
      guard let value, value.isFinite else { return "n/a" }
      return Self.fixed(value, 3)
    }
    for source in data { row("data", "\(source.path) (\(source.instrument))") }
    row("execution", executionSummary)
    row("account", account.summary)
    row("bars", "\(stats.bars) (\(stats.events) events, \(stats.tradingDays) days)")
    row("orders", "\(stats.orders) sent, \(stats.denials) denied, \(stats.fills) fills")
    for (reason, count) in denialsByReason { row("  denied", "\(count) x \(reason)") }
    if amends.requested > 0 {
      row(
        "amends",
        "\(amends.requested) asked, \(amends.confirmed) confirmed, \(amends.refused) refused")
    }
    let filled = fillsByReason.filter { $0.count > 0 }
    if !filled.isEmpty {
      row("  fills by", filled.map { "\($0.reason) \($0.count)" }.joined(separator: ", "))
    }
    if stats.refusedFills > 0 || stats.refusedMarks > 0 {
      row(
        "ledger refused",
        "\(stats.refusedFills) fills, \(stats.refusedMarks) marks (amounts beyond what the ledger holds)")
    }
    row(
      "round trips",
      "\(stats.roundTrips) (\(stats.winningRoundTrips) won, win rate \(percent(stats.winRate)))")
    row("starting equity", stats.startingEquity.description)
    row("final equity", stats.finalEquity.description)
    row("total return", percent(stats.totalReturn))
    row("realized pnl", stats.realizedPnL.description + ", fees " + stats.fees.description)
    row(
      "sharpe / sortino",
      number(stats.sharpe) + " / " + number(stats.sortino)
        + " (annualised with \(stats.annualizationDays) days: \(stats.annualizationDays == 365 ? "the data trades on Saturdays" : "the data trades on weekdays"))"
    )
    row(
      "max drawdown", percent(stats.maxDrawdown) + " (" + stats.maxDrawdownAmount.description + ")")
    row("profit factor", number(stats.profitFactor))
    row("exposure", percent(stats.exposure))
    row(
      "elapsed", Self.fixed(elapsedSeconds, 3) + " s (" + String(Int(barsPerSecond)) + " events/s)")
    for slot in slots {
      row(
        "slot \(slot.name)",
        "\(slot.strategy) \(slot.version): \(slot.orders) orders, \(slot.roundTrips) round trips, pnl \(slot.realizedPnL), equity \(slot.equity), \(slot.pluginErrors) plugin errors"
      )
    }
    for (scope, state) in tradingStates { row("risk state", "\(scope): \(state)") }
    if deploymentsFrozen { row("risk state", "automatic deployments frozen") }
    if !auditRecords.isEmpty { row("risk audit", "\(auditRecords.count) records (see --json)") }
    lines.append("fills digest      \(fillDigest)")
    return lines.joined(separator: "\n")
  }

  /// `value` with `decimals` digits after the point, rounded half away from zero.
  static func fixed(_ value: Double, _ decimals: Int) -> String {
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let scaled = (abs(value) * scale).rounded()
    guard scaled < 9e18 else { return "\(value)" }
    return FixedPoint.format(Int64(value < 0 ? -scaled : scaled), precision: UInt8(decimals))
  }
}
