/// The role a plugin plays in the host, as declared by a manifest's `kind` key.
///
/// The kind decides which kind-specific manifest keys are allowed and required
/// (see `docs/manifest.md`), and which entry table the loader expects from the library.
public enum PluginKind: String, Sendable, CaseIterable, Codable {
  /// Turns market events into order decisions.
  case strategy
  /// Computes one or more named output series from bars or values.
  case indicator
  /// Produces a score or a probability from features.
  case model
  /// Connects the host to a trading venue.
  case exchange
}
