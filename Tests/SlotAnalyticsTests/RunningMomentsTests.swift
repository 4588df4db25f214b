import SlotAnalytics
import HostTestKit
import Testing

/// Welford's moments against hand values and a two-pass computation.
@Suite("Running moments")
struct RunningMomentsTests {
  @Test("no value has mean 0 and no variance; one value has a mean but no variance")
  func belowTwoValues() {
    var moments = RunningMoments()
    #expect(moments.count == 0)
    #expect(moments.mean == 0)
    #expect(moments.variance == nil)
    moments.add(3.5)
    #expect(moments.count == 1)
    #expect(moments.mean == 3.5)
    #expect(moments.variance == nil)
    #expect(moments.standardDeviation == nil)
  }

  @Test("a textbook sample: mean 5, sample variance 32/7")
  func textbookSample() {
    var moments = RunningMoments()
    for x in [2.0, 4, 4, 4, 5, 5, 7, 9] { moments.add(x) }
    #expect(moments.count == 8)
    #expect(moments.mean == 5)
    #expect(abs(moments.variance! - 32.0 / 7) < 1e-15)
    #expect(abs(moments.standardDeviation! - (32.0 / 7).squareRoot()) < 1e-15)
  }

  @Test("10,000 seeded values far from 0 match a two-pass computation")
  func matchesTwoPass() {
    var generator = SeededGenerator(seed: 42)
    let values = (0..<10_000).map { _ in 1e6 + 3 * (generator.unit() - 0.5) }
    var moments = RunningMoments()
    for x in values { moments.add(x) }
    let mean = values.reduce(0, +) / Double(values.count)
    let variance =
      values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
    #expect(moments.count == 10_000)
    #expect(abs(moments.mean - mean) / mean < 1e-13)
    #expect(abs(moments.variance! - variance) / variance < 1e-9)
  }

  @Test("non-finite values are counted as rejected and change nothing else")
  func rejectsNonFinite() {
    var moments = RunningMoments()
    moments.add(1)
    moments.add(3)
    let before = moments
    moments.add(.nan)
    moments.add(.infinity)
    moments.add(-.infinity)
    #expect(moments.rejected == 3)
    #expect(moments.count == before.count)
    #expect(moments.mean == before.mean)
    #expect(moments.variance == before.variance)
  }

  @Test("adding a value n times at once equals n single adds")
  func repeatedAdd() {
    var generator = SeededGenerator(seed: 7)
    var single = RunningMoments()
    var batched = RunningMoments()
    for _ in 0..<50 {
      let x = generator.unit() - 0.5
      single.add(x)
      batched.add(x)
    }
    for _ in 0..<1_000 { single.add(0.25) }
    batched.add(0.25, times: 1_000)
    #expect(batched.count == single.count)
    #expect(abs(batched.mean - single.mean) < 1e-14)
    #expect(abs(batched.variance! - single.variance!) < 1e-13)

    var fromEmpty = RunningMoments()
    fromEmpty.add(2, times: 3)
    #expect(fromEmpty.count == 3)
    #expect(fromEmpty.mean == 2)
    #expect(fromEmpty.variance == 0)

    let unchanged = batched
    batched.add(9, times: 0)
    #expect(batched == unchanged)
    batched.add(.nan, times: 4)
    #expect(batched.rejected == 4)
    #expect(batched.count == unchanged.count)
  }
}
