import SlotAnalytics
import Testing

/// Student's t against reference values (scipy.stats.t 1.17.1, cross-checked with mpmath's
/// incomplete beta at 30 digits).
@Suite("Student's t distribution")
struct StudentTTests {
  struct Reference: Sendable, CustomStringConvertible {
    var t: Double
    var df: Double
    var cdf: Double
    var pValue: Double
    var description: String { "t=\(t) df=\(df)" }
  }

  static let references: [Reference] = [
    Reference(t: 2.228, df: 10, cdf: 0.9749941140914443, pValue: 0.05001177181711137),
    Reference(t: 1.96, df: 1e6, cdf: 0.9750019662073651, pValue: 0.04999606758526979),
    Reference(t: 1, df: 1, cdf: 0.75, pValue: 0.5),
    Reference(t: -1, df: 1, cdf: 0.25, pValue: 0.5),
    Reference(t: 0.5, df: 3, cdf: 0.6742760175759245, pValue: 0.651447964848151),
    Reference(t: -2.5, df: 7.5, cdf: 0.019410129136812778, pValue: 0.038820258273625556),
    Reference(t: 3, df: 2, cdf: 0.9522670168666454, pValue: 0.09546596626670913),
    Reference(t: 10, df: 5, cdf: 0.9999145262121285, pValue: 0.0001709475757429636),
    Reference(t: 40, df: 3, cdf: 0.9999828096596054, pValue: 3.4380680789158526e-05),
    Reference(t: 0.01, df: 30, cdf: 0.5039562537134111, pValue: 0.9920874925731777),
    Reference(t: -4.2, df: 120, cdf: 2.5773733354046213e-05, pValue: 5.1547466708092426e-05),
    Reference(t: 2, df: 1e8, cdf: 0.9772498667020466, pValue: 0.04550026659590675),
    Reference(t: 1.5, df: 0.5, cdf: 0.7460491046759458, pValue: 0.5079017906481085),
    Reference(t: 25, df: 1000, cdf: 1, pValue: 1.5203541383321278e-107),
    Reference(t: 6, df: 1e5, cdf: 0.9999999990100352, pValue: 1.9799294556017627e-09),
    Reference(t: 1.2, df: 4.7, cdf: 0.8564452706335072, pValue: 0.28710945873298566),
  ]

  @Test("cdf and two-sided p-value match the references to 1e-12", arguments: references)
  func matchesReferences(_ reference: Reference) {
    let cdf = StudentT.cdf(reference.t, degreesOfFreedom: reference.df)
    let p = StudentT.twoSidedPValue(reference.t, degreesOfFreedom: reference.df)
    #expect(abs(cdf - reference.cdf) < 1e-12)
    #expect(abs(p - reference.pValue) < 1e-12)
    // Small p-values are accurate relative to their size too (the tail is computed directly).
    #expect(abs(p - reference.pValue) <= 1e-10 * reference.pValue)
  }

  @Test("t = 0 is the centre: cdf 1/2, p = 1")
  func zero() {
    #expect(StudentT.cdf(0, degreesOfFreedom: 4) == 0.5)
    #expect(StudentT.twoSidedPValue(0, degreesOfFreedom: 4) == 1)
    #expect(StudentT.twoSidedPValue(-0.0, degreesOfFreedom: 1) == 1)
  }

  @Test("infinite t gives cdf 0 or 1 and p = 0; infinite df is the normal distribution")
  func infinities() {
    #expect(StudentT.cdf(.infinity, degreesOfFreedom: 3) == 1)
    #expect(StudentT.cdf(-.infinity, degreesOfFreedom: 3) == 0)
    #expect(StudentT.twoSidedPValue(.infinity, degreesOfFreedom: 3) == 0)
    #expect(StudentT.twoSidedPValue(1e200, degreesOfFreedom: 3) == 0)
    // Φ(1.96) = 0.9750021048517795 (scipy.stats.norm.cdf).
    #expect(abs(StudentT.cdf(1.96, degreesOfFreedom: .infinity) - 0.9750021048517795) < 1e-15)
  }

  @Test("NaN arguments and non-positive degrees of freedom give NaN")
  func undefined() {
    #expect(StudentT.cdf(.nan, degreesOfFreedom: 3).isNaN)
    #expect(StudentT.cdf(1, degreesOfFreedom: .nan).isNaN)
    #expect(StudentT.cdf(1, degreesOfFreedom: 0).isNaN)
    #expect(StudentT.twoSidedPValue(1, degreesOfFreedom: -2).isNaN)
  }

  @Test("the cdf is symmetric: cdf(-t) = 1 - cdf(t)")
  func symmetric() {
    for t in [0.1, 0.7, 1.5, 3.2, 8.0] {
      for df in [1.0, 2.5, 9, 60, 5_000] {
        let sum = StudentT.cdf(t, degreesOfFreedom: df) + StudentT.cdf(-t, degreesOfFreedom: df)
        #expect(abs(sum - 1) < 1e-14)
      }
    }
  }
}
