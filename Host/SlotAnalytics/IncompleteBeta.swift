import Glibc

/// The regularized incomplete beta function `I_x(a, b)`, for `StudentT`. Internal: its callers
/// pass `x` and `1 - x` (and their logarithms) computed without cancellation, and `log B(a, b)`.
///
/// Method (Numerical Recipes §6.4): the continued fraction for `I_x(a, b)` converges quickly for
/// `x < (a + 1) / (a + b + 2)`; above that, `I_x(a, b) = 1 - I_{1-x}(b, a)`. The fraction is
/// evaluated with the modified Lentz method. Pure, allocation-free, any thread.
enum IncompleteBeta {
  /// Relative change of the fraction below which it has converged.
  static let tolerance = 1e-15
  /// Stands in for a zero denominator in Lentz's method.
  static let tiny = 1e-300
  /// Upper bound on iterations. The fraction needs about `sqrt(max(a, b))` of them near
  /// `x = (a + 1) / (a + b + 2)`; `StudentT` goes there only with fewer than 1e4 degrees of
  /// freedom, and far from it convergence is fast.
  static let maxIterations = 10_000

  /// `I_x(a, b)` for `0 < x < 1` given `y = 1 - x`, `log x`, `log y` and `log B(a, b)`.
  static func regularized(
    a: Double, b: Double, x: Double, y: Double, logX: Double, logY: Double, logBeta: Double
  ) -> Double {
    let front = exp(a * logX + b * logY - logBeta)
    if x < (a + 1) / (a + b + 2) {
      return front * continuedFraction(a: a, b: b, x: x, y: y) / a
    }
    return 1 - front * continuedFraction(a: b, b: a, x: y, y: x) / b
  }

  /// The continued fraction of `I_x(a, b)` (without its prefactor), modified Lentz, given
  /// `y = 1 - x`. Its first denominator `1 - (a + b) x / (a + 1)` is computed as
  /// `(1 - b + (a + b) y) / (a + 1)`, which does not cancel when `x` is near 1 and `a` large.
  static func continuedFraction(a: Double, b: Double, x: Double, y: Double) -> Double {
    let sum = a + b
    var c = 1.0
    var d = nonZero((1 - b + sum * y) / (a + 1))
    d = 1 / d
    var h = d
    for m in 1...maxIterations {
      let m = Double(m)
      let even = m * (b - m) * x / ((a - 1 + 2 * m) * (a + 2 * m))
      d = 1 / nonZero(1 + even * d)
      c = nonZero(1 + even / c)
      h *= d * c
      let odd = -(a + m) * (sum + m) * x / ((a + 2 * m) * (a + 1 + 2 * m))
      d = 1 / nonZero(1 + odd * d)
      c = nonZero(1 + odd / c)
      let step = d * c
      h *= step
      if abs(step - 1) < tolerance { break }
    }
    return h
  }

  @inline(__always)
  static func nonZero(_ value: Double) -> Double {
    abs(value) < tiny ? tiny : value
  }
}
