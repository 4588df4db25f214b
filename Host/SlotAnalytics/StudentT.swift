import Glibc

/// Student's t distribution: the cumulative distribution and the two-sided p-value, for
/// `PairedComparison`. Computed from the regularized incomplete beta function,
/// `P(|T| > |t|) = I_x(df/2, 1/2)` with `x = df / (df + t²)` (`IncompleteBeta`), except for many
/// degrees of freedom (`df >= 1e4` and `t⁴ <= 0.015 df`), where the continued fraction converges
/// slowly and loses digits while the expansion around the normal distribution,
/// `P(T > t) = Q(t) + φ(t) (g₁(t)/df + g₂(t)/df² + g₃(t)/df³)`, is accurate. Checked against a
/// 40-digit incomplete beta: within 1e-12 (absolute) for every `t` and `df > 0`, and p-values
/// down to 1e-16 within 1e-11 of their size.
///
/// Edge cases: a NaN argument, or `degreesOfFreedom <= 0`, gives NaN (no distribution).
/// `t = ±infinity` gives a cdf of 1 or 0 and a p-value of 0. `degreesOfFreedom = +infinity` is
/// the standard normal distribution.
///
/// Pure functions, any thread, allocation-free; a call takes up to some microseconds (up to a few
/// hundred iterations of the continued fraction), so not for a per-event path.
public enum StudentT {
  /// Whether `expandedUpperTail` is accurate at `t >= 0` and `df`: its next term is of order
  /// `t¹⁵ φ(t) / df⁴`, below 1e-15 absolute and 1e-11 of the tail while `df >= 1e4` and
  /// `t⁴ <= 0.015 df`.
  static func expansionApplies(_ t: Double, degreesOfFreedom df: Double) -> Bool {
    df == .infinity || (df >= 1e4 && t * t * t * t <= 0.015 * df)
  }

  /// `P(T <= t)` for `T` with `degreesOfFreedom` degrees of freedom (fractional allowed, as in
  /// Welch's test).
  public static func cdf(_ t: Double, degreesOfFreedom: Double) -> Double {
    let tail = upperTail(abs(t), degreesOfFreedom: degreesOfFreedom)
    return t > 0 ? 1 - tail : tail
  }

  /// `P(|T| >= |t|)`: the two-sided p-value of a t statistic.
  public static func twoSidedPValue(_ t: Double, degreesOfFreedom: Double) -> Double {
    let tail = upperTail(abs(t), degreesOfFreedom: degreesOfFreedom)
    return tail.isNaN ? .nan : min(1, 2 * tail)
  }

  /// `P(T >= t)` for `t >= 0` (or NaN).
  static func upperTail(_ t: Double, degreesOfFreedom df: Double) -> Double {
    guard !t.isNaN, !df.isNaN, df > 0 else { return .nan }
    if t == 0 { return 0.5 }
    if t.isInfinite { return 0 }
    if expansionApplies(t, degreesOfFreedom: df) {
      return expandedUpperTail(t, degreesOfFreedom: df)
    }
    let t2 = t * t
    guard t2.isFinite else { return 0 }
    let x = df / (df + t2)
    let y = t2 / (df + t2)
    let a = df / 2
    return 0.5
      * IncompleteBeta.regularized(
        a: a, b: 0.5, x: x, y: y, logX: -log1p(t2 / df), logY: -log1p(df / t2),
        logBeta: logBetaHalf(a))
  }

  /// `P(T > t)` from the expansion in `1/df` around the normal distribution, with `Q` the normal
  /// upper tail and `φ` the normal density:
  /// `Q(t) + φ(t) (g₁/df + g₂/df² + g₃/df³)`, `g₁ = (t³ + t)/4`,
  /// `g₂ = (3t⁷ - 7t⁵ - 5t³ - 3t)/96`, `g₃ = (t¹¹ - 11t⁹ + 14t⁷ + 6t⁵ - 3t³ - 15t)/384`
  /// (coefficients fitted to, and checked against, a 120-digit incomplete beta).
  static func expandedUpperTail(_ t: Double, degreesOfFreedom df: Double) -> Double {
    let inverse = 1 / df
    let t2 = t * t
    let first = (t2 + 1) * t / 4
    let second = (((3 * t2 - 7) * t2 - 5) * t2 - 3) * t / 96
    let third = (((((t2 - 11) * t2 + 14) * t2 + 6) * t2 - 3) * t2 - 15) * t / 384
    let density = exp(-t2 / 2) / (2 * Double.pi).squareRoot()
    let correction = inverse * (first + inverse * (second + inverse * third))
    return 0.5 * erfc(t / 2.0.squareRoot()) + density * correction
  }

  /// `log B(a, 1/2) = log Γ(1/2) + log Γ(a) - log Γ(a + 1/2)`. For large `a` the difference of
  /// two large `lgamma` values would lose digits, so it uses the asymptotic series
  /// `log Γ(a + 1/2) - log Γ(a) = ½ log a - 1/(8a) + 1/(192a³) - 1/(640a⁵) + 17/(14336a⁷)`
  /// (error below 1e-18 from `a = 50`).
  static func logBetaHalf(_ a: Double) -> Double {
    let logGammaHalf = 0.5 * log(Double.pi)
    guard a >= 50 else { return logGammaHalf + logGamma(a) - logGamma(a + 0.5) }
    let inverse = 1 / a
    let inverse2 = inverse * inverse
    let series =
      inverse
      * (-1.0 / 8 + inverse2 * (1.0 / 192 + inverse2 * (-1.0 / 640 + inverse2 * 17 / 14336)))
    return logGammaHalf - (0.5 * log(a) + series)
  }

  /// `log |Γ(x)|` through `lgamma_r`, which, unlike `lgamma`, writes no global (`signgam`), so
  /// it is safe from any thread.
  static func logGamma(_ x: Double) -> Double {
    var sign: Int32 = 0
    return lgamma_r(x, &sign)
  }
}
