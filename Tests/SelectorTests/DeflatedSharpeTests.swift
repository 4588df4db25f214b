import Testing

@testable import Selector

struct DeflatedSharpeTests {
  @Test func normalQuantileAndDistribution() {
    #expect(abs(DeflatedSharpe.quantile(0.975) - 1.959_963_984_540_054) < 1e-12)
    #expect(abs(DeflatedSharpe.quantile(0.5)) < 1e-14)
    #expect(abs(DeflatedSharpe.cdf(1.959_963_984_540_054) - 0.975) < 1e-14)
    #expect(abs(DeflatedSharpe.quantile(1 - 1e-6) - 4.753_424_308_822_899) < 1e-9)
  }

  /// The expected maximum of N standard normal Sharpe estimates, checked by hand:
  /// N = 100, V = 1: (1 - g) * Z(0.99) + g * Z(1 - 1/(100 e)) = 0.4228 * 2.3263 + 0.5772 * 2.6788.
  @Test func expectedMaximumOfManyTrials() {
    let z1 = DeflatedSharpe.quantile(0.99)
    let z2 = DeflatedSharpe.quantile(1 - 1 / (100 * 2.718_281_828_459_045))
    #expect(abs(z1 - 2.326_347_874_040_841) < 1e-12)
    #expect(abs(z2 - 2.680_210_444_966_887) < 1e-9)
    let expected = (1 - 0.577_215_664_901_532_9) * z1 + 0.577_215_664_901_532_9 * z2
    #expect(abs(DeflatedSharpe.expectedMaximum(trials: 100, variance: 1) - expected) < 1e-12)
    #expect(abs(DeflatedSharpe.expectedMaximum(trials: 100, variance: 0.25) - expected / 2) < 1e-12)
    #expect(DeflatedSharpe.expectedMaximum(trials: 1, variance: 1) == 0)
    #expect(DeflatedSharpe.expectedMaximum(trials: 1000, variance: 1) > expected)
  }

  /// PSR: 0.5 at the benchmark, higher with more returns, lower with fat tails; the DSR falls as
  /// the trials grow.
  @Test func probabilisticAndDeflatedSharpe() {
    let atBenchmark = DeflatedSharpe.probabilistic(
      sharpe: 0.1, benchmark: 0.1, observations: 500, skewness: 0, kurtosis: 3)
    #expect(abs(atBenchmark - 0.5) < 1e-15)
    // SR 0.1 over 1001 normal returns against 0: z = 0.1 * sqrt(1000) / sqrt(1 + 2 * 0.01 / 4).
    let z = 0.1 * 1000.0.squareRoot() / (1 + 0.5 * 0.01).squareRoot()
    let psr = DeflatedSharpe.probabilistic(
      sharpe: 0.1, benchmark: 0, observations: 1001, skewness: 0, kurtosis: 3)
    #expect(abs(psr - DeflatedSharpe.cdf(z)) < 1e-15)
    let fat = DeflatedSharpe.probabilistic(
      sharpe: 0.1, benchmark: 0, observations: 1001, skewness: -2, kurtosis: 30)
    #expect(fat < psr)
    let few = DeflatedSharpe.ratio(
      sharpe: 0.1, observations: 1001, skewness: 0, kurtosis: 3, trials: 10, trialVariance: 0.001)
    let many = DeflatedSharpe.ratio(
      sharpe: 0.1, observations: 1001, skewness: 0, kurtosis: 3, trials: 10_000,
      trialVariance: 0.001)
    #expect(many < few && few < psr)
  }

  @Test func momentsOfKnownReturns() {
    var moments = ReturnMoments()
    for value in [0.01, -0.02, 0.03, 0.0, 0.01] { moments.add(value) }
    #expect(abs(moments.mean - 0.006) < 1e-15)
    // Sample variance: sum of squared deviations 0.00132 / 4.
    #expect(abs(moments.standardDeviation - (0.00132 / 4).squareRoot()) < 1e-12)
    #expect(abs(moments.sharpe - 0.006 / (0.00132 / 4).squareRoot()) < 1e-9)
    var flat = ReturnMoments()
    for _ in 0..<10 { flat.add(0) }
    #expect(flat.sharpe == 0 && flat.skewness == 0 && flat.kurtosis == 3)
  }
}
