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
    var error = th_error()
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
    var error = th_error()
    let status = learn(
      raw.instance, features.baseAddress, UInt32(features.count), label, weight, &error)
    try check(status, &error)
  }

  private func check(_ status: th_status, _ error: inout th_error) throws {
    guard status != th_status(TH_OK) else { return }
    let message = withUnsafeBytes(of: &error.message) { raw in
      String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
    }
    throw PluginError(code: status, message)
  }
}
