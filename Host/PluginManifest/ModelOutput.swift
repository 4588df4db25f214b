/// What a model produces, declared by the required manifest key `output` of a model.
public enum ModelOutput: String, Sendable, CaseIterable {
  /// An unbounded real-valued score.
  case score
  /// A probability in [0, 1].
  case probability
}
