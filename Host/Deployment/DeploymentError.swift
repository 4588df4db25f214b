/// A deployment step failed: which slot, which step, and why (one sentence each).
public struct DeploymentError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The slot concerned.
  public let slot: String
  /// The step that failed: `read manifests`, `load (manifest, ABI, checksum)`,
  /// `check parameters`, `create`, `import state`, `warm up`, `promote`, `rollback`, ...
  public let step: String
  public let message: String

  public init(slot: String, step: String, message: String) {
    self.slot = slot
    self.step = step
    self.message = message
  }

  public var description: String { "slot '\(slot)': \(step) failed: \(message)" }
}
