import PluginManifest

/// The outcome of a search: the best genome found with its in-sample and out-of-sample figures
/// per fold, its deflated Sharpe ratio, whether it clears the bar (then it is the champion),
/// and the search's history. Deterministic: nothing in it depends on the machine or `--jobs`.
public struct EvolutionReport: Sendable {
  /// The best genome of the search and its figures.
  public struct Candidate: Sendable {
    public let strategy: String
    /// Every parameter with the value the genome gives it, in the manifest's order.
    public let parameters: [(name: String, value: ParameterValue)]
    public let evaluation: Evaluation
    public let inSample: Performance
    public let outOfSample: Performance
  }

  /// The best genome by out-of-sample fitness (the earliest evaluated among equals); `nil`
  /// when no genome could be evaluated.
  public let best: Candidate?
  /// The best genome's deflated Sharpe ratio over `evaluations` trials.
  public let deflatedSharpe: Double?
  /// The Sharpe ratio (per event) the best of this many luck-only trials would reach (SR0).
  public let expectedMaximumSharpe: Double?
  /// Whether the best genome clears both bounds: then it is the champion.
  public let passed: Bool
  /// Why the best genome is not a champion, one sentence per bound it misses.
  public let refusals: [String]
  /// Distinct genomes evaluated (the trials the deflation counts).
  public let evaluations: Int
  /// Genomes that could not be evaluated (refused parameters, plugin errors).
  public let failedEvaluations: Int
  /// Each generation's best and median fitness.
  public let generations: [(best: Double?, median: Double?)]
  public let settings: EvolutionSettings
  public let walkForward: WalkForward

  /// The champion: the best genome when it passed.
  public var champion: Candidate? { passed ? best : nil }
}
