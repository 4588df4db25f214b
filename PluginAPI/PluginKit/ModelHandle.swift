/// A model instance the host created for this plugin (`HostContext.makeModel`).
///
/// Calls go straight to the model's vtable. The host owns the instance.
public struct ModelHandle {
  /// The raw handle.
  public let raw: th_model_handle
  private let vtable: UnsafePointer<th_model_vtable>

  init(_ raw: th_model_handle) throws {
    guard let vtable = raw.vtable, raw.instance != nil else {
      throw PluginError.invalidState("the host returned an empty model handle")
    }
    self.raw = raw
    self.vtable = vtable
  }

  /// [kernel-thread] Number of features the model expects.
  public var featureCount: Int { Int(vtable.pointee.feature_count!(raw.instance)) }

  /// [kernel-thread] Predicts from a feature vector.
  public func predict(_ features: UnsafeBufferPointer<Double>) throws -> Double {
    var output = 0.0
    var error = ChildState.emptyError()
    let status = vtable.pointee.predict!(
      raw.instance, features.baseAddress, UInt32(features.count), &output, &error)
    try check(status, &error)
    return output
  }

  /// [kernel-thread] Learns from one labelled example, if the model learns online.
  public func learn(_ features: UnsafeBufferPointer<Double>, label: Double, weight: Double = 1)
    throws
  {
    guard let learn = vtable.pointee.learn else {
      throw PluginError.unsupported("this model does not learn online")
    }
    var error = ChildState.emptyError()
    let status = learn(
      raw.instance, features.baseAddress, UInt32(features.count), label, weight, &error)
    try check(status, &error)
  }

  /// The format version of the model's exported state (its weights).
  public var stateVersion: UInt32 { vtable.pointee.state_version }

  /// [kernel-thread] The model's state (its weights) and their format version, straight from the
  /// child's `export_state` (the two-call size protocol). Allocates the returned array; throws
  /// the child's status and message when its `export_state` fails.
  public func exportState() throws -> (version: UInt32, bytes: [UInt8]) {
    guard let export = vtable.pointee.export_state else {
      throw PluginError.unsupported("model \(raw.handle_id) does not export state")
    }
    let bytes = try ChildState.export(
      export, instance: raw.instance, what: "model \(raw.handle_id)")
    return (vtable.pointee.state_version, bytes)
  }

  /// [kernel-thread] Replaces the model's state with one it exported (`version` is the format
  /// it was written in). Throws the child's status and message when it refuses the state
  /// (`TH_ERR_STATE_VERSION` for a version it cannot read).
  public func importState(version: UInt32, bytes: [UInt8]) throws {
    guard let importer = vtable.pointee.import_state else {
      throw PluginError.unsupported("model \(raw.handle_id) does not import state")
    }
    try ChildState.import(
      importer, instance: raw.instance, version: version, bytes: bytes,
      what: "model \(raw.handle_id)")
  }

  private func check(_ status: th_status, _ error: inout th_error) throws {
    guard status != th_status(TH_OK) else { return }
    throw ChildState.failure(status, &error, "model \(raw.handle_id)")
  }
}
