/// One genome's walk-forward result: a score per fold for its test window (out of sample) and,
/// when asked for (the best genome), for its training window (in sample), or why it could not be evaluated (the plugin refused
/// its parameters, or reported errors while running). Deterministic: the same genome, data,
/// plugins and rules give the same evaluation, on any thread.
public struct Evaluation: Sendable, Equatable {
  public var inSample: [WindowScore]
  public var outOfSample: [WindowScore]
  /// Why the genome has no score; `nil` when it ran.
  public var failure: String?

  public init(inSample: [WindowScore], outOfSample: [WindowScore], failure: String? = nil) {
    self.inSample = inSample
    self.outOfSample = outOfSample
    self.failure = failure
  }

  public static func failed(_ reason: String) -> Evaluation {
    Evaluation(inSample: [], outOfSample: [], failure: reason)
  }
}
