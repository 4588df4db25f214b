import Deployment
import HTTPAPI
import Kernel
import Risk

/// `/metrics`: a running host in Prometheus's text format, built from copies (the status board's
/// snapshot, the slot deployer's report, the audit ring, the risk state store) when scraped,
/// never from the kernel: the kernel's only part is the counters it keeps anyway and the sampled
/// latency histogram (`LatencyHistogram`). Money is written as the ledger's exact decimals.
enum MetricsExposition {
  /// The trading states as numbers, for `tradehost_trading_state` (0 active ... 3 halted).
  static let stateNumbers = ["active": 0, "reducing": 1, "paused": 2, "halted": 3]

  static func text(
    _ snapshot: StatusSnapshot, slots: [SlotReport], audit: [AuditRecord],
    risk: RiskStateSnapshot, usage: ProcessUsage
  ) -> String {
    var out = PrometheusText()
    let counter = "counter"
    let gauge = "gauge"
    out.sample(
      "tradehost_events_total", type: counter, help: "Market events processed, by kind.",
      labels: [("kind", "bar")], Int64(snapshot.bars))
    out.sample(
      "tradehost_events_total", type: counter, help: "", labels: [("kind", "quote")],
      Int64(snapshot.quotes))
    out.sample(
      "tradehost_events_total", type: counter, help: "", labels: [("kind", "trade")],
      Int64(snapshot.trades))
    latency(snapshot.latency, into: &out)
    out.sample(
      "tradehost_fills_total", type: counter, help: "Fills on the account.", Int64(snapshot.fills))
    out.sample(
      "tradehost_venue_rejections_total", type: counter, help: "Orders the venues rejected.",
      Int64(snapshot.rejections))
    out.sample(
      "tradehost_venue_faults_total", type: counter,
      help: "Venue faults refused at the seam (errors, malformed or impossible events).",
      Int64(snapshot.venueFaults))
    out.sample(
      "tradehost_equity", type: gauge, help: "Account equity in the account currency.",
      labels: [("currency", snapshot.currency)], value: number(snapshot.equity))
    let accountEquity = Double(snapshot.equity) ?? 0
    let states =
      [("account", snapshot.tradingState)]
      + snapshot.slots.map { ("slot:\($0.name)", $0.tradingState) }
      + risk.instruments.sorted(by: { $0.key < $1.key }).map { ("instrument:\($0.key)", $0.value.state) }
    for (scope, state) in states {
      out.sample(
        "tradehost_trading_state", type: gauge,
        help: "Trading state: 0 active, 1 reducing, 2 paused, 3 halted.",
        labels: [("scope", scope)], Int64(stateNumbers[state] ?? -1))
    }
    // One family at a time: the text format wants a family's samples together.
    for slot in snapshot.slots {
      out.sample(
        "tradehost_slot_orders_total", type: counter, help: "Orders a slot sent.",
        labels: [("slot", slot.name)], Int64(slot.orders))
    }
    for slot in snapshot.slots {
      out.sample(
        "tradehost_slot_plugin_errors_total", type: counter,
        help: "Errors a slot's strategy returned.", labels: [("slot", slot.name)],
        Int64(slot.pluginErrors))
    }
    for slot in snapshot.slots {
      for reason in slot.denialReasons {
        out.sample(
          "tradehost_denials_total", type: counter, help: "Refused orders by slot and reason.",
          labels: [("slot", slot.name), ("code", String(reason.code)), ("reason", reason.reason)],
          Int64(reason.count))
      }
    }
    for slot in snapshot.slots {
      out.sample(
        "tradehost_slot_equity", type: gauge, help: "A slot's equity in the account currency.",
        labels: [("slot", slot.name)], value: number(slot.equity))
    }
    for slot in snapshot.slots {
      out.sample(
        "tradehost_slot_realized_pnl", type: gauge, help: "A slot's realized PnL.",
        labels: [("slot", slot.name)], value: number(slot.realizedPnL))
    }
    for slot in snapshot.slots {
      let share = accountEquity != 0 ? (Double(slot.equity) ?? 0) / accountEquity : 0
      out.sample(
        "tradehost_slot_capital_share", type: gauge,
        help: "A slot's equity as a fraction of the account's.", labels: [("slot", slot.name)],
        value: String(share))
    }
    for report in slots {
      out.sample(
        "tradehost_slot_max_drawdown_ratio", type: gauge,
        help: "A slot's largest drawdown since its version started, as a fraction.",
        labels: [("slot", report.name)], value: String(report.scorecard.maxDrawdown))
    }
    for report in slots {
      out.sample(
        "tradehost_slot_swaps_total", type: counter,
        help: "Strategy versions swapped into a slot (reloads, promotions, rollbacks).",
        labels: [("slot", report.name)], Int64(report.swaps))
    }
    var actions: [String: Int] = [:]
    for record in audit {
      actions["\(record.source.rawValue) \(record.action)", default: 0] += 1
    }
    for (key, count) in actions.sorted(by: { $0.key < $1.key }) {
      let parts = key.split(separator: " ", maxSplits: 1).map(String.init)
      out.sample(
        "tradehost_audit_records", type: gauge,
        help: "Audit records kept (the trail's last 10,000) by source and action: trips, breakers, kills, reloads, promotions, rollbacks.",
        labels: [("source", parts[0]), ("action", parts.count > 1 ? parts[1] : "")],
        Int64(count))
    }
    out.sample(
      "tradehost_deployments_frozen", type: gauge, help: "1 while deployments are frozen.",
      risk.deploymentsFrozen ? 1 : 0)
    out.sample(
      "tradehost_kernel_stuck", type: gauge,
      help: "1 while the kernel thread is stuck in a plugin call past its deadline.",
      snapshot.stuckCall == nil ? 0 : 1)
    out.sample(
      "process_cpu_seconds_total", type: counter, help: "User and system CPU time, seconds.",
      value: String(usage.cpuSeconds))
    out.sample(
      "process_resident_memory_bytes", type: gauge, help: "Resident memory, bytes.",
      usage.residentBytes)
    out.sample(
      "process_open_fds", type: gauge, help: "Open file descriptors.", Int64(usage.openFiles))
    return out.text
  }

  /// The latency histogram, cumulative as Prometheus wants it, in seconds.
  private static func latency(_ histogram: LatencyHistogram, into out: inout PrometheusText) {
    var cumulative = 0
    let name = "tradehost_event_decision_seconds"
    let help =
      "Market event to decision (strategies called, order events delivered), sampled one event in 64."
    for bucket in 0..<LatencyHistogram.bucketCount {
      cumulative += histogram.counts.isEmpty ? 0 : histogram.counts[bucket]
      let bound =
        bucket == LatencyHistogram.bucketCount - 1
        ? "+Inf" : String(Double(LatencyHistogram.upperBound(bucket)) / 1e9)
      out.sample(
        name + "_bucket", type: "histogram", help: help, labels: [("le", bound)],
        Int64(cumulative))
    }
    out.sample(
      name + "_sum", type: "histogram", help: help,
      value: String(Double(histogram.sumNanos) / 1e9))
    out.sample(name + "_count", type: "histogram", help: help, Int64(histogram.count))
  }

  /// An exact decimal as a sample value (`NaN` when it is not a number, e.g. before the first
  /// snapshot).
  private static func number(_ text: String) -> String {
    Double(text) == nil ? "NaN" : text
  }
}
