import Kernel
import MarketData
import TradingModel

/// A plan's market: its data files read and merged by time, the instruments they make, and the
/// plan's slots as kernel specs (their instruments resolved). Plain data.
public struct LoadedMarket: Sendable {
  public let currency: Currency
  public let names: [InstrumentName]
  public let origins: [LoadedSeries.Origin]
  public let instruments: [Instrument]
  /// Per instrument: the largest order quantity (the plan's rule), if any.
  public let maxOrderQuantity: [Quantity?]
  public let slots: [SlotSpec]
  /// Every event of every file, in time order.
  public let events: [MarketEvent]
}

extension BacktestRunner {
  /// Reads `plan`'s data (each `data:` source, detected or given layout; the binary cache in
  /// `cacheDirectory`), builds its instruments and slot specs: what a backtest runs on, and
  /// what `tradehost run --replay` replays. Throws one error naming the file, line and column.
  public static func loadMarket(
    _ plan: BacktestPlan, cacheDirectory: String?,
    log: @escaping KernelLogSink = KernelLog.standardError
  ) throws(PlanError) -> LoadedMarket {
    guard !plan.slots.isEmpty else {
      throw PlanError("no strategy: give --strategy ID or a run config")
    }
    guard let currency = Currency.standard(plan.currency) else {
      throw PlanError(
        "unknown account currency '\(plan.currency)' (known: USD, EUR, GBP, JPY, ...)")
    }
    // One instrument per distinct name, in order of first appearance; each source feeds its
    // name's instrument.
    var names: [InstrumentName] = []
    var instrumentOfSource: [Int] = []
    for name in try instrumentNames(plan) {
      if let known = names.firstIndex(of: name) {
        instrumentOfSource.append(known)
      } else {
        instrumentOfSource.append(names.count)
        names.append(name)
      }
    }
    var series: [MarketSeries] = []
    var origins: [LoadedSeries.Origin] = []
    for (index, source) in plan.sources.enumerated() {
      let loaded = try load(
        source, instrument: InstrumentID(instrumentOfSource[index]),
        cacheDirectory: cacheDirectory)
      series.append(loaded.series)
      origins.append(loaded.origin)
      if let problem = loaded.cacheProblem {
        log(3, "data cache", problem.description)
      }
    }
    var instruments: [Instrument] = []
    var maxOrder: [Quantity?] = []
    for (id, name) in names.enumerated() {
      let fed = series.indices.filter { instrumentOfSource[$0] == id }.map { series[$0] }
      try checkFeeds(fed, of: name, sources: plan.sources.indices.filter { instrumentOfSource[$0] == id }.map { plan.sources[$0].path })
      let (instrument, limit) = try InstrumentBuilder.build(
        id: InstrumentID(id), name: name, series: fed[0], currency: currency,
        rules: plan.instruments[name.qualified] ?? plan.instruments[name.symbol])
      instruments.append(instrument)
      maxOrder.append(limit)
    }
    var slots = try slotSpecs(plan, currency: currency)
    for (index, slot) in plan.slots.enumerated() {
      guard let wanted = slot.instruments else { continue }
      var ids: [InstrumentID] = []
      for text in wanted {
        guard let name = InstrumentName(text),
          let id = names.firstIndex(where: { $0 == name || (text == $0.symbol) })
        else {
          throw PlanError(
            "slot '\(slot.name)': instrument '\(text)' is not one of the run's (\(names.map(\.qualified).joined(separator: ", ")))"
          )
        }
        ids.append(InstrumentID(id))
      }
      slots[index].instruments = ids
    }
    return LoadedMarket(
      currency: currency, names: names, origins: origins, instruments: instruments,
      maxOrderQuantity: maxOrder, slots: slots, events: MarketEventMerger.merged(series))
  }

  /// One file per instrument, or a quote file and a trade file of it (a top-of-book replay:
  /// the venue sees both, merged by time) at one price precision; anything else is refused.
  static func checkFeeds(_ fed: [MarketSeries], of name: InstrumentName, sources: [String])
    throws(PlanError)
  {
    guard fed.count > 1 else { return }
    var quotes: UInt8?
    var trades: UInt8?
    for series in fed {
      switch series {
      case .quotes(let file) where quotes == nil: quotes = file.pricePrecision
      case .trades(let file) where trades == nil: trades = file.pricePrecision
      default:
        throw PlanError(
          "instrument \(name.qualified) is fed by \(fed.count) files (\(sources.joined(separator: ", "))): "
            + "only a quote file and a trade file may feed one instrument")
      }
    }
    if let quotes, let trades, quotes != trades {
      throw PlanError(
        "instrument \(name.qualified): its quote file has \(quotes) price decimals and its trade file "
          + "\(trades): give both the same price_precision")
    }
  }
}
