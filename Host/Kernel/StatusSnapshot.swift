import Store
import TradingModel

/// What `tradehost status` shows: a copy of a running session's state, published by the kernel
/// thread after each event and read by the control thread. Plain data.
public struct StatusSnapshot: Sendable, Equatable {
  /// How many orders one reason refused.
  public struct ReasonCount: Sendable, Equatable {
    /// The `DenialReason` code and its sentence.
    public var code: Int32
    public var reason: String
    public var count: Int

    public init(code: Int32, reason: String, count: Int) {
      self.code = code
      self.reason = reason
      self.count = count
    }
  }

  /// One slot's line.
  public struct SlotLine: Sendable, Equatable {
    public var name: String
    public var strategy: String
    public var version: String
    public var equity: String
    public var realizedPnL: String
    public var positions: [String: String]
    public var orders: Int
    public var denials: Int
    /// `denials` by reason, most frequent first.
    public var denialReasons: [ReasonCount] = []
    public var pluginErrors: Int
    /// The slot's trading state as the risk gate names it (`active`, `reducing`, `paused`,
    /// `halted`).
    public var tradingState: String
    /// Whether the slot was taken out of trading (rolled back, promoted from).
    public var retired = false
    /// Why the slot is not active (retired, or the risk state's reason); `nil` while active.
    public var inactiveBecause: String?

    public init(
      name: String, strategy: String, version: String, equity: String, realizedPnL: String,
      positions: [String: String], orders: Int, denials: Int, pluginErrors: Int,
      tradingState: String
    ) {
      self.name = name
      self.strategy = strategy
      self.version = version
      self.equity = equity
      self.realizedPnL = realizedPnL
      self.positions = positions
      self.orders = orders
      self.denials = denials
      self.pluginErrors = pluginErrors
      self.tradingState = tradingState
    }
  }

  /// A recent order and the latest of its events the kernel kept (`RecentActivity`).
  public struct OrderLine: Sendable, Equatable {
    public var order: OrderRecord
    /// Its latest kept event; nil while none was kept (just routed, or the events ring moved on).
    public var latest: OrderEventRecord?

    public init(order: OrderRecord, latest: OrderEventRecord?) {
      self.order = order
      self.latest = latest
    }
  }

  /// `starting`, `running`, `paused`, `stopping` or `stopped`.
  public var state: String = "starting"
  /// The plugin call the kernel thread is stuck in, past the watchdog's deadline (`slot NAME:
  /// on_bar for N ms`), or `nil`. Set by the control side, not the kernel.
  public var stuckCall: String?
  /// The plugin images mapped into the host and their bytes (`MappedImages`: images are never
  /// unloaded, so reloads add to them); measured by the control side when status is asked,
  /// `nil` in the kernel's own snapshots.
  public var mappedImages: Int?
  public var mappedImageBytes: Int?
  /// The session clock's time of the last event, ns.
  public var clock: Int64 = 0
  public var events = 0
  public var orders = 0
  public var fills = 0
  public var denials = 0
  /// `denials` by reason, most frequent first.
  public var denialReasons: [ReasonCount] = []
  /// The file the refused orders are written to, one line each (paper sessions).
  public var denialsFile: String?
  public var pluginErrors = 0
  public var equity = ""
  /// The account's trading state as the risk gate names it.
  public var tradingState = "active"
  /// Why the account is not active, or `nil` while it is.
  public var tradingStateBecause: String?
  public var currency = ""
  /// The account model the kernel enforces (`AccountModel.summary`).
  public var account = ""
  /// Last price per instrument (`SYMBOL.VENUE` -> decimal).
  public var lastPrices: [String: String] = [:]
  public var slots: [SlotLine] = []
  /// The latest orders (oldest first) with their latest event, and the latest fills.
  public var recentOrders: [OrderLine] = []
  public var recentFills: [Fill] = []
  /// The sampled event-to-decision latency (`Kernel.latency`).
  public var latency = LatencyHistogram(sampleEvery: 0)
  /// Market events by kind, and orders the host sent itself (`KernelCounters`).
  public var bars = 0
  public var quotes = 0
  public var trades = 0
  public var venueFaults = 0
  public var rejections = 0

  public init() {}
}

extension Kernel {
  /// [kernel-thread] The kernel's state as a snapshot (allocates: call between events).
  public func snapshot(state: String) -> StatusSnapshot {
    var snapshot = StatusSnapshot()
    snapshot.state = state
    snapshot.clock = clock.now()
    snapshot.events = counters.events
    snapshot.orders = counters.orders
    snapshot.fills = counters.fills
    snapshot.denials = counters.denials
    snapshot.denialReasons = reasonCounts(denialCounts)
    snapshot.pluginErrors = counters.pluginErrors
    snapshot.recentOrders = activity.orderLines()
    snapshot.recentFills = activity.fills.elements()
    snapshot.latency = latency
    snapshot.bars = counters.bars
    snapshot.quotes = counters.quotes
    snapshot.trades = counters.trades
    snapshot.venueFaults = counters.venueFaults
    snapshot.rejections = counters.rejections
    snapshot.equity = BacktestReport.decimal(portfolio.equity)
    snapshot.currency = configuration.currency.code
    snapshot.account = configuration.account.summary
    snapshot.tradingState = gate.stateName(slot: nil)
    snapshot.tradingStateBecause = gate.stateReason(slot: nil)
    for instrument in configuration.instruments where lastPrices[Int(instrument.id)] != 0 {
      snapshot.lastPrices[instrument.qualifiedSymbol] =
        Price(raw: lastPrices[Int(instrument.id)], precision: instrument.pricePrecision).description
    }
    for slot in slots {
      var positions: [String: String] = [:]
      for instrument in configuration.instruments {
        let position = portfolio.position(slot: slot.id, instrument: instrument.id)
        if !position.isFlat {
          positions[instrument.qualifiedSymbol] = position.quantity.description
        }
      }
      let ledger = portfolio.ledger(slot.id)
      var line = StatusSnapshot.SlotLine(
        name: slot.name, strategy: slot.strategyID, version: slot.strategyVersion,
        equity: BacktestReport.decimal(portfolio.slotEquity(slot.id)),
        realizedPnL: BacktestReport.decimal(ledger.realizedPnL), positions: positions,
        orders: slot.ordersSubmitted, denials: slot.denials, pluginErrors: slot.pluginErrors,
        tradingState: gate.stateName(slot: slot.id))
      line.denialReasons = reasonCounts(slot.denialCounts)
      line.retired = slot.isRetired
      if let retired = slot.retiredBecause {
        line.inactiveBecause = retired
      } else if line.tradingState != "active" {
        line.inactiveBecause = gate.stateReason(slot: slot.id)
      }
      snapshot.slots.append(line)
    }
    return snapshot
  }

  /// Counts by denial code as reason counts, most frequent first (then by code).
  private func reasonCounts(_ counts: [Int]) -> [StatusSnapshot.ReasonCount] {
    counts.indices.compactMap { code -> StatusSnapshot.ReasonCount? in
      guard counts[code] > 0, let reason = denialReasons[code] else { return nil }
      return StatusSnapshot.ReasonCount(
        code: reason.code, reason: reason.text.description, count: counts[code])
    }.sorted { ($0.count, -$0.code) > ($1.count, -$1.code) }
  }
}
