import PluginHost
import PluginManifest

/// A strategy version loaded and created off the kernel thread, waiting to be swapped into a
/// slot: the instance, the registry it came from (kept alive as long as the instance, which
/// refers to it), and where it came from.
///
/// Created on the loader thread, then owned by the kernel thread.
public struct PreparedVersion {
  /// The slot it is for.
  public let slot: String
  /// The new instance (created with the kernel as its environment).
  public let instance: StrategyInstance
  /// The registry that loaded it (its image and its indicators' images).
  public let registry: PluginRegistry
  /// What asked for it.
  public let reason: Reason
  /// Who asked.
  public let source: DeploymentCommand.Source
  /// The parameters it was created with.
  public let parameters: [(String, String)]

  /// Why a version was prepared.
  public enum Reason: Sendable, Equatable {
    /// A reload of the slot.
    case reload
    /// A reload that brings the retired slot back (a changed version for a canary or shadow
    /// slot that retired after a promotion or rollback).
    case revive
    /// A promotion from the named slot (its version goes to this slot).
    case promotion(from: String, evidence: String)

    /// Whether this is a promotion.
    public var isPromotion: Bool {
      if case .promotion = self { return true }
      return false
    }
  }

  /// The manifest of the new version.
  public var manifest: Manifest { instance.plugin.manifest }

  /// Moves a load outcome across threads. The instance is not used by the loader thread once
  /// delivered, and the kernel thread is its only user afterwards.
  struct Box: @unchecked Sendable {
    let outcome: Result<PreparedVersion, DeploymentError>
    init(_ outcome: Result<PreparedVersion, DeploymentError>) { self.outcome = outcome }
  }
}
