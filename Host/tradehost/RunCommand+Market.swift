import Backtest
import Foundation
import Kernel
import MarketData
import TradingModel

/// The market a paper session trades and the clock that times it: bars generated from a seed
/// (`--symbol`, `--seed`, `--bar-seconds`, `--interval-ms`), or a market-data file replayed at
/// `--speed` times its own pace (`--replay`).
struct PaperMarket {
  var instruments: [Instrument]
  var maxOrderQuantity: [Quantity?]
  var slots: [SlotSpec]
  /// The kernel's clock.
  var clock: any Clock
  var time: SessionTime
  var feed: any PaperFeed
  /// Market nanoseconds per wall nanosecond (`nil`: as fast as it goes).
  var speed: Double?
  /// For the start line.
  var description: String
}

extension RunCommand {
  /// The generated market, or the replayed file's (its instrument named by the first
  /// `--symbol`, default `REPLAY`). A generated market starts at `start` (a resumed chain's),
  /// else at `--start`, else now.
  func paperMarket(plan: BacktestPlan, currency: Currency, start: Int64? = nil) -> Result<
    PaperMarket, PaperSetupError
  > {
    if let replay { return replayMarket(replay, plan: plan) }
    var instruments: [Instrument] = []
    for (index, name) in symbolNames.enumerated() {
      switch Instrument.make(
        id: InstrumentID(index), symbol: name, venue: "SIM", currency: currency, pricePrecision: 2)
      {
      case .success(let instrument): instruments.append(instrument)
      case .failure(let error):
        return .failure(PaperSetupError(message: "--symbol \(name): \(error)"))
      }
    }
    let slots: [SlotSpec]
    do throws(PlanError) {
      slots = try BacktestRunner.slotSpecs(plan, currency: currency)
    } catch {
      return .failure(PaperSetupError(message: error.description))
    }
    let given = try? marketStart.get()
    let start = start ?? given ?? WallClock().now()
    let marketClock = HistoricalClock(start: start)
    let markets = instruments.map {
      SyntheticMarket(instrument: $0, barNanoseconds: barNanoseconds, seed: seed)
    }
    return .success(
      PaperMarket(
        instruments: instruments, maxOrderQuantity: [], slots: slots,
        clock: realTime ? WallClock() : marketClock, time: realTime ? .wall : .market(marketClock),
        feed: SyntheticFeed(markets: markets, start: start, barNanoseconds: barNanoseconds),
        speed: intervalMs == 0 ? nil : Double(barNanoseconds) / Double(intervalMs * 1_000_000),
        description:
          "\(symbolNames.joined(separator: ", ")) generated (seed \(seed), from \(TimestampText.iso8601(start))); \(clockDescription)"
      ))
  }

  /// `--replay FILE`: the file read as `backtest` reads it, replayed on its own clock.
  private func replayMarket(_ path: String, plan: BacktestPlan) -> Result<
    PaperMarket, PaperSetupError
  > {
    var data = plan
    data.sources = [.init(path: path, instrument: symbol.first ?? "REPLAY")]
    let market: LoadedMarket
    do throws(PlanError) {
      market = try BacktestRunner.loadMarket(data, cacheDirectory: nil)
    } catch {
      return .failure(PaperSetupError(message: "--replay: \(error.description)"))
    }
    guard let first = market.events.first, let last = market.events.last else {
      return .failure(PaperSetupError(message: "--replay \(path): the file has no events"))
    }
    let clock = HistoricalClock(start: first.timestamp)
    let pace = speed == 0 ? "as fast as it goes" : "at \(Self.format(speed))x its own pace"
    return .success(
      PaperMarket(
        instruments: market.instruments, maxOrderQuantity: market.maxOrderQuantity,
        slots: market.slots, clock: clock, time: .market(clock),
        feed: ReplayFeed(events: market.events), speed: speed == 0 ? nil : speed,
        description:
          "\(market.names.map(\.qualified).joined(separator: ", ")) replayed from \(path) (\(market.events.count) events, \(TimestampText.iso8601(first.timestamp)) to \(TimestampText.iso8601(last.timestamp))) \(pace), on the data's clock"
      ))
  }

  /// `60`, `0.5`.
  static func format(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
  }
}
