import Testing

@testable import Selector

struct WalkForwardTests {
  /// Each fold trains, then tests, later in time; no window overlaps another, and `embargo`
  /// events separate every window from the next.
  @Test func foldsWalkForwardWithEmbargoes() throws {
    let scheme = try WalkForward(events: 10_000, folds: 4, embargo: 50)
    #expect(scheme.folds.count == 4)
    var previousEnd = 0
    for (index, fold) in scheme.folds.enumerated() {
      #expect(fold.train.lowerBound == (index == 0 ? 0 : previousEnd + 50))
      #expect(fold.test.lowerBound == fold.train.upperBound + 50)
      #expect(fold.train.count >= 1_200 && fold.test.count >= 1_200)
      previousEnd = fold.test.upperBound
    }
    #expect(previousEnd == 10_000)
    #expect(scheme.folds[0].train == 0..<1_250)
    #expect(scheme.folds[0].test == 1_300..<2_500)
  }

  @Test func tooLittleDataIsOneClearError() {
    #expect(throws: SelectorError.self) { try WalkForward(events: 100, folds: 4, embargo: 20) }
    #expect(throws: SelectorError.self) { try WalkForward(events: 100, folds: 0, embargo: 0) }
    do {
      _ = try WalkForward(events: 100, folds: 4, embargo: 20)
    } catch {
      #expect(error.description.contains("too few for 4 folds with an embargo of 20 events"))
    }
  }
}
