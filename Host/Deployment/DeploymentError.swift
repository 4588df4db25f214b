/// A deployment step failed: which slot, which step, and why (one sentence each).
public struct DeploymentError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The slot concerned.
  public let slot: String
  /// The step that failed: `read manifests`, `load (manifest, ABI, checksum)`,
  /// `check parameters`, `create`, `import state`, `warm up`, `promote`, `rollback`, ...
  public let step: String
  public let message: String
  /// For a failed promotion: the candidate slot whose version was being promoted.
  public let promotionFrom: String?

  public init(slot: String, step: String, message: String, promotionFrom: String? = nil) {
    self.slot = slot
    self.step = step
    self.message = message
    self.promotionFrom = promotionFrom
  }

  public var description: String { "slot '\(slot)': \(step) failed: \(message)" }
}
