/// The walk-forward scheme: which events each fold trains and tests on.
///
/// The events (all instruments merged in time order) are cut into `folds` consecutive segments
/// of equal length (the last takes the remainder). Each segment is a fold: its first half is
/// the training window, its second half the test window, in that order, so every test lies
/// after the data it is compared with and the folds walk forward through time. Between a
/// training window and its test window, and between a test window and the next fold's
/// training window, `embargo` events are left out of both (López de Prado's embargo: serial
/// correlation near a boundary cannot carry one window's outcome into the other). Purging is
/// by construction: each window is run on its own, starting flat with the full capital, and
/// positions still open at its end are valued at its last price, so no outcome measured in a
/// window depends on a price outside it.
public struct WalkForward: Sendable, Equatable {
  /// One fold: the events (indices into the merged event list) of its two windows.
  public struct Fold: Sendable, Equatable {
    public let train: Range<Int>
    public let test: Range<Int>
  }

  public let folds: [Fold]
  /// Events left out at each boundary.
  public let embargo: Int

  /// The folds of `events` events.
  ///
  /// - Throws: `SelectorError` when `folds` is below 1 or the embargo is negative, or a
  ///   window would hold fewer than `minimumWindow` events (too little data for that many
  ///   folds and that embargo).
  public init(events: Int, folds count: Int, embargo: Int, minimumWindow: Int = 2)
    throws(SelectorError)
  {
    guard count >= 1 else { throw SelectorError("--folds must be at least 1, not \(count)") }
    guard embargo >= 0 else { throw SelectorError("--embargo must not be negative") }
    let segment = events / count
    var folds: [Fold] = []
    for index in 0..<count {
      let start = index * segment
      let end = index == count - 1 ? events : start + segment
      let middle = start + (end - start) / 2
      let trainStart = index == 0 ? start : start + embargo
      let testStart = middle + embargo
      guard middle - trainStart >= minimumWindow, end - testStart >= minimumWindow else {
        throw SelectorError(
          "\(events) events are too few for \(count) folds with an embargo of \(embargo) events: fold \(index + 1) would train on \(Swift.max(middle - trainStart, 0)) and test on \(Swift.max(end - testStart, 0)) (at least \(minimumWindow) each)"
        )
      }
      folds.append(Fold(train: trainStart..<middle, test: testStart..<end))
    }
    self.folds = folds
    self.embargo = embargo
  }
}
