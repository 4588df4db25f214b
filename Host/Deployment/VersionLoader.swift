import Kernel
import PluginHost

/// Loads a new version of a strategy beside the running one and creates its instance: a fresh
/// registry reads the manifest folder, so the library is copied to a new unique path and
/// `dlopen`ed as a new image (the running version's image is never touched or unloaded). The
/// loader's checks apply: manifest, ABI, toolchain, SHA-256 checksum, kind, and the slot's
/// parameters against the new manifest.
///
/// Runs on the loader thread (or inline, in a backtest); may block (file reads, `dlopen`).
/// The instance's environment is the kernel: during `create` a plugin may call only the host
/// functions documented as any-thread (`now`, `instrument`, `log`) and create indicators, which
/// go to the new registry.
public enum VersionLoader {
  /// Loads and creates, or says which step failed.
  public static func prepare(_ request: LoadRequest, kernel: KernelReference) -> Result<
    PreparedVersion, DeploymentError
  > {
    load(request, kernel: kernel).mapError { error in
      guard case .promotion(let from, _) = request.reason else { return error }
      return DeploymentError(
        slot: error.slot, step: error.step, message: error.message, promotionFrom: from)
    }
  }

  private static func load(_ request: LoadRequest, kernel: KernelReference) -> Result<
    PreparedVersion, DeploymentError
  > {
    let registry = PluginRegistry()
    do {
      try registry.loadDirectories(request.manifests, lazily: true)
    } catch {
      return .failure(
        DeploymentError(slot: request.slot, step: "read manifests", message: error.description))
    }
    let instance: StrategyInstance
    do throws(PluginCallError) {
      instance = try registry.makeStrategy(
        request.plugin, parameters: request.parameters, environment: kernel.kernel,
        label: request.slot)
    } catch {
      let step =
        switch error.operation {
        case "load": "load (manifest, ABI, checksum)"
        case "parameters": "check parameters"
        default: error.operation
        }
      return .failure(DeploymentError(slot: request.slot, step: step, message: error.description))
    }
    if let expected = request.expected {
      let manifest = instance.plugin.manifest
      guard manifest.version.description == expected.version, manifest.sha256 == expected.sha256
      else {
        return .failure(
          DeploymentError(
            slot: request.slot, step: "match the candidate",
            message:
              "\(request.plugin) in \(request.manifests.joined(separator: ", ")) is now version \(manifest.version) (sha256 \(manifest.sha256 ?? "none")), not the candidate's \(expected.version) (sha256 \(expected.sha256 ?? "none")); reload the candidate first"
          ))
      }
    }
    return .success(
      PreparedVersion(
        slot: request.slot, instance: instance, registry: registry, reason: request.reason,
        source: request.source, parameters: request.parameters))
  }
}

/// The kernel, handed to the loader thread as a plugin environment. Only the environment's
/// any-thread members (`now`, `instrument`, `log`) are used there, which is why crossing threads
/// is sound although the kernel itself is kernel-thread only.
public struct KernelReference: @unchecked Sendable {
  public let kernel: Kernel
  public init(_ kernel: Kernel) { self.kernel = kernel }
}
