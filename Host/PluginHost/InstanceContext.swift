import CTradeHostPlugin
import PluginManifest

/// The host's side of one plugin instance: the `host_ctx` the plugin passes back with every host
/// call. It knows which plugin (and, later, which slot) is calling, the environment that serves
/// the calls, and the indicator and model instances created on the plugin's behalf (destroyed
/// with it).
///
/// Created and destroyed on the loader thread with its instance. Kernel-thread calls read it
/// without locking (its identity fields never change); `children` is touched only on the loader
/// thread (in `create`, `import_state` and `destroy`).
public final class InstanceContext {
  /// The manifest id of the plugin this instance belongs to.
  public let pluginID: String
  /// The plugin's kind.
  public let kind: PluginKind
  /// Who serves the instance's host calls.
  public let environment: any PluginEnvironment
  /// A caller-chosen label (a strategy slot's name, say); the environment may use it.
  public var label: String
  /// The environment's own number for this instance (the kernel's slot index), so a host call
  /// finds its caller without a lookup; -1 until the environment sets it. Set on the loader
  /// thread before the instance sees its first event.
  public var tag: Int = -1
  /// Set by the environment while it warms the instance with past events (hot reload): the
  /// instance's order intents are accepted and dropped, and it sees the slot's real position.
  /// Kernel-thread only once the instance is handed to the kernel.
  public var warming = false
  /// The registry that created the instance (for indicator and model creation by id). Held
  /// strongly: an instance may outlive everyone else's reference to its registry (a released
  /// version of a hot reload), and its `destroy` may still call back into it. The registry
  /// holds no instance, so this makes no cycle.
  let registry: PluginRegistry
  var children: [UInt32: AnyObject] = [:]
  private var nextChildID: UInt32 = 1

  init(
    pluginID: String, kind: PluginKind, environment: any PluginEnvironment,
    registry: PluginRegistry, label: String
  ) {
    self.pluginID = pluginID
    self.kind = kind
    self.environment = environment
    self.registry = registry
    self.label = label
  }

  /// Keeps a child instance alive until the owner dies or releases it; returns its handle id.
  func adopt(_ child: AnyObject) -> UInt32 {
    let id = nextChildID
    nextChildID += 1
    children[id] = child
    return id
  }

  /// The opaque pointer handed to the plugin (not retained: the instance wrapper owns `self`).
  var opaque: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }

  /// Borrows the context behind a plugin's `host_ctx` without touching its reference count;
  /// answers `fallback` when a faulty plugin passes NULL instead of its `host_ctx`.
  @inline(__always)
  static func with<R>(
    _ pointer: UnsafeMutableRawPointer?, orElse fallback: R, _ body: (InstanceContext) -> R
  ) -> R {
    guard let pointer else { return fallback }
    return Unmanaged<InstanceContext>.fromOpaque(pointer)._withUnsafeGuaranteedRef(body)
  }
}
