/// What a model's prediction means (`th_model_vtable.output`).
public enum ModelOutputKind: UInt32, Sendable {
  /// An unbounded score (`TH_MODEL_OUTPUT_SCORE`): regression, ranking.
  case score = 1
  /// A probability in [0, 1] of the positive class (`TH_MODEL_OUTPUT_PROBABILITY`).
  case probability = 2
}

/// A predictive model written in Swift: features in, one number out, optionally learning online.
///
/// Export it from the entry function with `PluginExport.model(MyModel.self, id:version:)`.
///
/// Implementation requirements:
/// - `init` runs on the loader thread and may allocate (weights).
/// - `predict` and `learn` run on the kernel thread, one call at a time: never block, avoid
///   allocating. PluginKit has already checked that `features.count == featureCount` and that
///   the host's pointers are not NULL; check the values yourself (a non-finite feature, a label
///   outside {0, 1} for a probability model) and throw `PluginError.invalidArgument`.
/// - A model that learns online sets `learnsOnline` to true and implements `learn`; otherwise the
///   vtable's `learn` is NULL and the host knows the model is fixed.
/// - The weights are the state: implement `exportState`/`importState` with a `stateVersion` so a
///   trained model survives a reload.
public protocol ModelPlugin: StatefulPlugin {
  /// What `predict` returns.
  static var output: ModelOutputKind { get }
  /// Whether the vtable offers `learn` (default false).
  static var learnsOnline: Bool { get }

  /// Creates an instance with resolved parameters.
  init(host: HostContext, parameters: PluginParameters) throws
  /// Number of features `predict` and `learn` expect.
  var featureCount: Int { get }
  /// Predicts from `featureCount` features.
  func predict(_ features: UnsafeBufferPointer<Double>) throws -> Double
  /// Learns from one labelled example with a sample weight (default: unsupported).
  func learn(_ features: UnsafeBufferPointer<Double>, label: Double, weight: Double) throws
}

extension ModelPlugin {
  public static var learnsOnline: Bool { false }

  public func learn(_ features: UnsafeBufferPointer<Double>, label: Double, weight: Double) throws {
    throw PluginError.unsupported("this model does not learn online")
  }
}

typealias ModelBox = InstanceBox<any ModelPlugin>

/// The model type this image exports and its descriptor; set once by `PluginExport.model`
/// (thread-safe, see `ExportedPlugin`).
private let exportedModel = ExportedPlugin<any ModelPlugin.Type>()

extension PluginExport {
  /// The descriptor for a model plugin; call it from the image's entry function.
  public static func model(
    _ type: any ModelPlugin.Type, id: String, version: String
  ) -> UnsafeRawPointer {
    exportedModel.descriptor(for: type) {
      let vtable = UnsafeMutablePointer<th_model_vtable>.allocate(capacity: 1)
      vtable.initialize(
        to: makeModelVTable(
          stateVersion: type.stateVersion, output: type.output, learns: type.learnsOnline))
      return makeDescriptor(
        kind: Int32(TH_KIND_MODEL), id: id, version: version, vtable: UnsafeRawPointer(vtable))
    }
  }
}

/// The features the host passed, after checking the pointer and the count.
@inline(__always)
private func checkedFeatures(
  _ plugin: any ModelPlugin, _ features: UnsafePointer<Double>?, _ count: UInt32
) throws -> UnsafeBufferPointer<Double> {
  guard Int(count) == plugin.featureCount else {
    throw PluginError.invalidArgument(
      "expected \(plugin.featureCount) features, got \(count)")
  }
  guard features != nil || count == 0 else {
    throw PluginError.invalidArgument("feature pointer is NULL with count \(count)")
  }
  return UnsafeBufferPointer(start: features, count: Int(count))
}

private func makeModelVTable(stateVersion: UInt32, output: ModelOutputKind, learns: Bool)
  -> th_model_vtable
{
  var table = th_model_vtable()
  table.struct_size = UInt32(MemoryLayout<th_model_vtable>.size)
  table.state_version = stateVersion
  table.output = output.rawValue
  table.create = { api, context, params, count, out, error in
    catchingErrors(error) {
      guard let api, let out, let type = exportedModel.type else {
        throw PluginError.invalidArgument("create called without a host table or output pointer")
      }
      let plugin = try type.init(
        host: HostContext(api: api, context: context),
        parameters: PluginParameters(params, count: count))
      out.pointee = ModelBox.retain(plugin)
    }
  }
  table.destroy = { instance in ModelBox.release(instance) }
  table.feature_count = { instance in
    ModelBox.with(instance) { box in UInt32(clamping: box.plugin.featureCount) }
  }
  table.predict = { instance, features, count, out, error in
    ModelBox.with(instance) { box in
      catchingErrors(error) {
        guard let out else { throw PluginError.invalidArgument("output pointer is NULL") }
        out.pointee = try box.plugin.predict(checkedFeatures(box.plugin, features, count))
      }
    }
  }
  if learns {
    table.learn = { instance, features, count, label, weight, error in
      ModelBox.with(instance) { box in
        catchingErrors(error) {
          try box.plugin.learn(
            checkedFeatures(box.plugin, features, count), label: label, weight: weight)
        }
      }
    }
  }
  table.export_state = { instance, buffer, capacity, length, error in
    ModelBox.with(instance) { box in
      exportStateShim(
        box, { try box.plugin.exportState(into: &$0) }, buffer, capacity, length, error)
    }
  }
  table.import_state = { instance, version, data, length, error in
    ModelBox.with(instance) { box in
      importStateShim(data, length, error) {
        try box.plugin.importState(from: &$0, version: version)
      }
    }
  }
  return table
}
