import CTradeHostPlugin

/// A live model instance.
///
/// Created on the loader thread; `predict` and `learn` run on the kernel thread.
public final class ModelInstance {
  let core: InstanceCore
  /// The host's copy of the vtable (stable for the process).
  let vtable: UnsafePointer<th_model_vtable>

  init(core: InstanceCore, vtable: UnsafePointer<th_model_vtable>) {
    self.core = core
    self.vtable = vtable
  }

  /// The plugin this is an instance of.
  public var plugin: LoadedPlugin { core.plugin }

  /// Whether the prediction is a probability (else a score).
  public var predictsProbability: Bool {
    Int(vtable.pointee.output) == Int(TH_MODEL_OUTPUT_PROBABILITY)
  }

  /// [kernel-thread] Number of features expected.
  public var featureCount: Int { Int(vtable.pointee.feature_count!(core.instance)) }

  /// [kernel-thread] Predicts from a feature vector.
  public func predict(_ features: UnsafeBufferPointer<Double>) throws(PluginCallError) -> Double {
    var output = 0.0
    let status = vtable.pointee.predict!(
      core.instance, features.baseAddress, UInt32(features.count), &output, core.error.reset())
    try core.error.check(status, plugin: core.plugin.id, operation: "predict")
    return output
  }

  /// Predicts from an array (convenience; allocation-free callers use the buffer form).
  public func predict(_ features: [Double]) throws(PluginCallError) -> Double {
    var result: Result<Double, PluginCallError> = .success(0)
    features.withUnsafeBufferPointer { buffer in
      do throws(PluginCallError) { result = .success(try predict(buffer)) } catch {
        result = .failure(error)
      }
    }
    return try result.get()
  }

  /// [kernel-thread] Learns from one labelled example.
  public func learn(_ features: [Double], label: Double, weight: Double = 1)
    throws(PluginCallError)
  {
    guard let learn = vtable.pointee.learn else {
      throw PluginCallError(
        plugin: core.plugin.id, operation: "learn", status: th_status(TH_ERR_UNSUPPORTED),
        message: "the model does not learn online")
    }
    let status = features.withUnsafeBufferPointer {
      learn(core.instance, $0.baseAddress, UInt32($0.count), label, weight, core.error.reset())
    }
    try core.error.check(status, plugin: core.plugin.id, operation: "learn")
  }

  /// [kernel-thread] The weights, with their format version.
  public func exportState() throws(PluginCallError) -> (version: UInt32, bytes: [UInt8]) {
    (vtable.pointee.state_version, try core.exportState(vtable.pointee.export_state!))
  }

  /// [kernel-thread] Replaces the weights.
  public func importState(version: UInt32, bytes: [UInt8]) throws(PluginCallError) {
    try core.importState(version: version, bytes: bytes, vtable.pointee.import_state!)
  }
}
