import PluginKit

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The simulated market of one instrument: geometric Brownian motion with jumps and two
/// volatility regimes, sampled into OHLCV bars.
///
/// Each bar is `substeps` steps of the log price: a diffusion step with the regime's volatility
/// (drift-corrected, so the price is a martingale), plus, with a small probability, a normally
/// distributed jump. The regime switches between calm and turbulent as a Markov chain with mean
/// durations in days. Open is the previous close; high and low cover the path; prices are rounded
/// to the instrument's grid. Everything is drawn from one `SimRandom`, so a seed fixes the series.
struct SimMarket: Sendable {
  /// The process's constants; `volatility` and `barSeconds` come from the plugin's parameters.
  struct Model: Sendable {
    /// Annualized volatility of the calm regime.
    var volatility: Double
    /// Bar length in seconds.
    var barSeconds: Int64
    /// Volatility multiplier of the turbulent regime.
    var turbulentFactor = 2.5
    /// Mean length of a calm spell, in days.
    var calmDays = 30.0
    /// Mean length of a turbulent spell, in days.
    var turbulentDays = 5.0
    /// Expected jumps per year.
    var jumpsPerYear = 6.0
    /// Standard deviation of a jump's log return.
    var jumpSize = 0.03
    /// Steps of the path inside one bar (for high and low).
    var substeps = 4
    /// Median bar volume.
    var medianVolume = 1_000.0

    /// Bar length in years (365.25 days).
    var barYears: Double { Double(barSeconds) / (365.25 * 86_400) }
  }

  let instrumentID: UInt32
  let symbol: String
  let grid: PriceGrid
  private let model: Model
  private var random: SimRandom
  private var logPrice: Double
  private var turbulent = false
  /// The last emitted close (before the first bar: the start price on the grid).
  private(set) var lastPrice: Double

  init(
    instrumentID: UInt32, symbol: String, grid: PriceGrid, model: Model, seed: UInt64,
    startPrice: Double
  ) {
    self.instrumentID = instrumentID
    self.symbol = symbol
    self.grid = grid
    self.model = model
    random = SimRandom(seed: seed)
    lastPrice = grid.round(startPrice)
    logPrice = log(lastPrice)
  }

  /// Draws the next bar, closing at `closeTime`.
  mutating func nextBar(closeTime: Int64) -> Bar {
    let barDays = Double(model.barSeconds) / 86_400
    let switchProbability = barDays / (turbulent ? model.turbulentDays : model.calmDays)
    if random.chance(min(1, switchProbability)) { turbulent.toggle() }

    let sigma = model.volatility * (turbulent ? model.turbulentFactor : 1)
    let stepYears = model.barYears / Double(model.substeps)
    let diffusion = sigma * stepYears.squareRoot()
    let drift = -0.5 * sigma * sigma * stepYears
    let jumpProbability = min(1, model.jumpsPerYear * stepYears)

    let open = lastPrice
    var high = open
    var low = open
    var price = open
    for _ in 0..<model.substeps {
      logPrice += drift + diffusion * random.normal()
      if random.chance(jumpProbability) { logPrice += model.jumpSize * random.normal() }
      price = grid.round(exp(logPrice))
      high = max(high, price)
      low = min(low, price)
    }
    // Keep the process on the grid's floor so a long fall cannot run away below one tick.
    logPrice = max(logPrice, log(grid.tick))
    let volume = (model.medianVolume * exp(0.5 * random.normal()) * (turbulent ? 2 : 1)).rounded()
    lastPrice = price
    return Bar(
      instrumentID: instrumentID, timestamp: closeTime, open: open, high: high, low: low,
      close: price, volume: volume)
  }
}
