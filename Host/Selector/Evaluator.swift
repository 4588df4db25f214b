import Backtest
import Kernel
import PluginHost
import Risk
import Synchronization
import TradingModel

/// Scores genomes: for each walk-forward fold, one run of the kernel over the training window
/// and one over the test window, each with the run config's risk rules, execution settings and
/// venues, starting flat with the account's cash.
///
/// Threading: `evaluate` may be called from several threads at once. The market (every parsed
/// event) is shared read-only between them; each call builds its own kernels, so plugins run
/// on several kernels on several threads at once, each instance on one thread. The plugin
/// registry is not thread-safe: building and releasing a kernel (which create and destroy
/// plugin instances through it) happen under one lock; the runs themselves do not lock.
public final class Evaluator: @unchecked Sendable {
  // @unchecked: `registry`, the only non-Sendable state, is reached only inside
  // `registryLock.withLock` (kernel construction and release); `plan`, `market`, `spaces` and
  // `walkForward` are immutable Sendable values.
  public let plan: BacktestPlan
  public let market: LoadedMarket
  public let spaces: [StrategySpace]
  public let walkForward: WalkForward
  private let registry: PluginRegistry
  private let registryLock = Mutex(())
  private let capital: Money
  /// Per strategy id, the run config's slot it came from: its name, instruments and resampled
  /// bar series apply to every genome of that strategy.
  public let templates: [String: SlotSpec]

  /// - Parameters:
  ///   - plan: the rules (risk, execution, venues, cash) every evaluation runs under.
  ///   - market: the data, loaded once (`BacktestRunner.loadMarket`).
  ///   - templates: per strategy id, a config slot whose name, instruments and `bars:` its
  ///     genomes keep (their capital is always the whole cash).
  public init(
    plan: BacktestPlan, market: LoadedMarket, spaces: [StrategySpace], walkForward: WalkForward,
    registry: PluginRegistry, templates: [String: SlotSpec] = [:]
  ) throws(SelectorError) {
    guard let cash = Money(plan.cash, currency: market.currency), cash.raw > 0 else {
      throw SelectorError("cash '\(plan.cash)' is not a positive amount of \(market.currency)")
    }
    self.plan = plan
    self.market = market
    self.spaces = spaces
    self.walkForward = walkForward
    self.registry = registry
    self.capital = cash
    self.templates = templates
  }

  /// The genome's scores over every fold: its test windows, and with `inSample` its training
  /// windows too. The search ranks by the test windows only, so it scores the training windows
  /// of the best genome alone (half the work per genome).
  public func evaluate(_ genome: Genome, inSample: Bool = false) -> Evaluation {
    let space = spaces[genome.strategy]
    var slot = SlotSpec(
      name: space.strategy, strategy: space.strategy,
      parameters: space.parameters(genome.alleles), capital: capital)
    if let template = templates[space.strategy] {
      slot.name = template.name
      slot.instruments = template.instruments
      slot.bars = template.bars
    }
    var train: [WindowScore] = []
    var test: [WindowScore] = []
    for fold in walkForward.folds {
      if inSample {
        switch run(slot, over: fold.train) {
        case .success(let score): train.append(score)
        case .failure(let problem): return .failed(problem.text)
        }
      }
      switch run(slot, over: fold.test) {
      case .success(let score): test.append(score)
      case .failure(let problem): return .failed(problem.text)
      }
    }
    return Evaluation(inSample: train, outOfSample: test)
  }

  struct Problem: Error {
    let text: String
  }

  /// One kernel over `window`'s events.
  private func run(_ slot: SlotSpec, over window: Range<Int>) -> Result<WindowScore, Problem> {
    let events = market.events[window]
    // The only strong reference to the kernel, so it dies where this is set to nil.
    var kernel: Kernel?
    var failure: String?
    registryLock.withLock { _ in
      do throws(PlanError) {
        kernel =
          try BacktestRunner.makeKernel(
            plan, market: market, slots: [slot], registry: registry,
            startTime: events.first?.timestamp ?? 0, expectedEvents: events.count,
            recordEquityCurve: true, log: KernelLog.discard
          ).kernel
      } catch {
        failure = error.description
      }
    }
    guard kernel != nil else {
      return .failure(Problem(text: failure ?? "the kernel could not be built"))
    }
    for event in events { kernel!.process(event) }
    let errors = kernel!.counters.pluginErrors
    let score = WindowScore(
      start: kernel!.recorder.startingEquity.raw,
      curve: kernel!.recorder.curve.lazy.map(\.equity), fills: kernel!.counters.fills)
    // Plugin instances are destroyed through the registry: release them under its lock.
    registryLock.withLock { _ in
      kernel!.releaseSlots()
      kernel = nil
    }
    if errors > 0 {
      return .failure(
        Problem(
          text:
            "the strategy reported \(errors) errors in events \(window.lowerBound)..<\(window.upperBound)"
        ))
    }
    return .success(score)
  }
}
