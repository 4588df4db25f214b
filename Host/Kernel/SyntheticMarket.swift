import Glibc
import TradingModel

/// A seeded synthetic market for paper trading on a fresh clone: geometric Brownian motion with
/// Poisson jumps and two volatility regimes (calm and stressed, switching as a Markov chain),
/// sampled in sub-steps so each bar has a real high and low. The same seed gives the same bars.
///
/// Not a model of any real instrument; its job is to exercise strategies, risk and execution
/// with trends, noise, gaps and volatility clusters. Kernel-thread only (or any single thread).
public struct SyntheticMarket: Sendable {
  /// The generator's parameters.
  public struct Parameters: Sendable, Equatable {
    /// Starting price.
    public var startPrice: Double = 100
    /// Annual drift.
    public var drift: Double = 0.05
    /// Annual volatility in the calm and the stressed regime.
    public var calmVolatility: Double = 0.18
    public var stressedVolatility: Double = 0.55
    /// Per-bar probability of switching calm -> stressed and stressed -> calm.
    public var stressProbability: Double = 0.002
    public var calmProbability: Double = 0.01
    /// Expected jumps per year, and the jump size's mean and deviation (log-return).
    public var jumpsPerYear: Double = 25
    public var jumpMean: Double = -0.002
    public var jumpDeviation: Double = 0.01
    /// Sub-steps per bar (for the bar's high and low).
    public var steps: Int = 8

    public init() {}
  }

  public let instrument: Instrument
  public let parameters: Parameters
  /// Bar length in ns of simulated time.
  public let barNanoseconds: Int64
  private var random: SplitMix64
  private var logPrice: Double
  private var stressed = false
  private var stepVariance: (calm: Double, stressed: Double)
  private var stepJumpProbability: Double
  private var stepDrift: Double

  /// A market for `instrument` whose bars last `barNanoseconds`, seeded with `seed`.
  public init(
    instrument: Instrument, barNanoseconds: Int64, seed: UInt64,
    parameters: Parameters = Parameters()
  ) {
    self.instrument = instrument
    self.parameters = parameters
    self.barNanoseconds = barNanoseconds
    self.random = SplitMix64(seed: seed ^ (UInt64(instrument.id) &* 0x9e37_79b9_7f4a_7c15))
    self.logPrice = log(parameters.startPrice)
    let year = 365.25 * 86_400 * 1e9
    let dt = Double(barNanoseconds) / year / Double(parameters.steps)
    stepVariance = (
      parameters.calmVolatility * parameters.calmVolatility * dt,
      parameters.stressedVolatility * parameters.stressedVolatility * dt
    )
    stepJumpProbability = parameters.jumpsPerYear * dt
    stepDrift = parameters.drift * dt
  }

  /// Whether the market is in its stressed regime now.
  public var isStressed: Bool { stressed }

  /// The next bar, closing at `timestamp` (ns). Prices are rounded to the instrument's tick and
  /// never fall below one tick.
  public mutating func nextBar(closingAt timestamp: Int64) -> Bar {
    if stressed {
      if random.unit() < parameters.calmProbability { stressed = false }
    } else if random.unit() < parameters.stressProbability {
      stressed = true
    }
    let variance = stressed ? stepVariance.stressed : stepVariance.calm
    let open = price(logPrice)
    var high = open
    var low = open
    for _ in 0..<parameters.steps {
      var step = stepDrift - variance / 2 + variance.squareRoot() * random.normal()
      if random.unit() < stepJumpProbability {
        step += parameters.jumpMean + parameters.jumpDeviation * random.normal()
      }
      logPrice += step
      let current = price(logPrice)
      high = max(high, current)
      low = min(low, current)
    }
    let close = price(logPrice)
    let volume = Int64(100 + 900 * random.unit()) * instrument.lotSize.raw
    return Bar(
      instrument: instrument.id, timestamp: timestamp, open: open, high: high, low: low,
      close: close, volume: Quantity(raw: volume, precision: instrument.sizePrecision))
  }

  /// `exp(logPrice)` rounded to the nearest tick (half to even), at least one tick.
  private func price(_ logPrice: Double) -> Price {
    let tick = instrument.tickSize
    let ticks = (exp(logPrice) / tick.doubleValue).rounded(.toNearestOrEven)
    let clamped = max(1, min(ticks, 1e15))
    return Price(raw: Int64(clamped) * tick.raw, precision: tick.precision)
  }
}
