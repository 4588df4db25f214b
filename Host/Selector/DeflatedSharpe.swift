import Glibc

/// The deflated Sharpe ratio (Bailey and López de Prado, "The Deflated Sharpe Ratio: Correcting
/// for Selection Bias, Backtest Overfitting and Non-Normality", 2014).
///
/// The best of N trials has a high Sharpe ratio by luck alone. The expected maximum of N
/// Sharpe estimates whose true value is zero is about
///
///     SR0 = sqrt(V) * ((1 - g) * Z(1 - 1/N) + g * Z(1 - 1/(N e)))
///
/// with V the variance of the trials' Sharpe estimates, Z the standard normal quantile and g
/// the Euler-Mascheroni constant. The DSR is the probability that the true Sharpe ratio of the
/// chosen strategy exceeds SR0, given its estimate SR over T returns with skewness s and
/// kurtosis k (the probabilistic Sharpe ratio against SR0):
///
///     DSR = N( (SR - SR0) * sqrt(T - 1) / sqrt(1 - s * SR + (k - 1) / 4 * SR^2) )
///
/// All Sharpe ratios here are per return period (not annualized), as the formula requires.
public enum DeflatedSharpe {
  static let eulerMascheroni = 0.577_215_664_901_532_9

  /// SR0: the Sharpe ratio the best of `trials` luck-only trials is expected to reach.
  public static func expectedMaximum(trials: Int, variance: Double) -> Double {
    guard trials > 1, variance > 0 else { return 0 }
    let n = Double(trials)
    let g = eulerMascheroni
    return variance.squareRoot()
      * ((1 - g) * quantile(1 - 1 / n) + g * quantile(1 - 1 / (n * M_E)))
  }

  /// The probability that the true Sharpe ratio exceeds `benchmark`; 0 when the estimate's
  /// standard error is undefined (fewer than two returns, or a non-positive variance term).
  public static func probabilistic(
    sharpe: Double, benchmark: Double, observations: Int, skewness: Double, kurtosis: Double
  ) -> Double {
    guard observations > 1 else { return 0 }
    let spread = 1 - skewness * sharpe + (kurtosis - 1) / 4 * sharpe * sharpe
    guard spread > 0, spread.isFinite else { return 0 }
    return cdf((sharpe - benchmark) * Double(observations - 1).squareRoot() / spread.squareRoot())
  }

  /// The deflated Sharpe ratio of the chosen trial.
  ///
  /// - Parameters:
  ///   - sharpe: its per-period Sharpe ratio, over `observations` returns with `skewness` and
  ///     `kurtosis` (3 for normal returns).
  ///   - trials: how many distinct trials the search made (N).
  ///   - trialVariance: the variance of those trials' per-period Sharpe ratios (V).
  public static func ratio(
    sharpe: Double, observations: Int, skewness: Double, kurtosis: Double, trials: Int,
    trialVariance: Double
  ) -> Double {
    probabilistic(
      sharpe: sharpe, benchmark: expectedMaximum(trials: trials, variance: trialVariance),
      observations: observations, skewness: skewness, kurtosis: kurtosis)
  }

  /// The standard normal distribution function.
  public static func cdf(_ x: Double) -> Double {
    0.5 * erfc(-x / 2.0.squareRoot())
  }

  /// The standard normal quantile, by bisection of `cdf` (called a few times per report, so
  /// plain and exact to the last bits matters more than speed).
  public static func quantile(_ p: Double) -> Double {
    guard p > 0 else { return -.infinity }
    guard p < 1 else { return .infinity }
    var low = -40.0
    var high = 40.0
    for _ in 0..<200 {
      let middle = (low + high) / 2
      if cdf(middle) < p { low = middle } else { high = middle }
      if high - low <= 1e-15 * Swift.max(1, abs(middle)) { break }
    }
    return (low + high) / 2
  }
}
