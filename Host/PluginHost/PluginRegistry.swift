import CTradeHostPlugin
import Foundation
import PluginManifest

/// The plugins a host knows: every manifest it was pointed at, each either loaded or failed with
/// its error, and the factory for instances of the loaded ones.
///
/// A bad manifest or library is recorded and reported; the other plugins still load. Ids are
/// unique: a second manifest with an id already taken fails.
///
/// Used on the loader thread (it is not thread-safe). Instances it creates may then be driven from
/// the kernel thread.
public final class PluginRegistry {
  /// One manifest file and what became of it.
  public struct Entry {
    /// The manifest path.
    public let manifestPath: String
    /// The loaded plugin, or why it did not load.
    public let result: Result<LoadedPlugin, PluginLoadError>
  }

  /// Every manifest seen, in load order.
  public private(set) var entries: [Entry] = []
  private var byID: [String: LoadedPlugin] = [:]
  private let loader: PluginLoader

  public init(loader: PluginLoader = PluginLoader()) {
    self.loader = loader
  }

  /// Loads every `*.yaml` / `*.yml` manifest in `directory`, in name order.
  /// Throws only when the directory itself cannot be read.
  ///
  /// `lazily`: only the manifests are read now; a plugin's library is checked and opened the
  /// first time an instance of it is asked for (a backtest opens only the strategy and the
  /// indicators it uses). A manifest that does not parse is loaded at once, so its error is
  /// recorded as usual.
  public func loadDirectory(_ directory: String, lazily: Bool = false) throws(ManifestError) {
    for path in try ManifestParser.manifestFiles(in: directory) {
      guard lazily, case .success(let manifest) = ManifestParser.load(path: path) else {
        load(manifestPath: path)
        continue
      }
      if let first = byID[manifest.id]?.manifest.file ?? deferred[manifest.id] {
        recordDuplicate(manifest.id, file: path, first: first)
      } else {
        deferred[manifest.id] = path
      }
    }
  }

  /// Loads the manifests of a search path: each folder in turn, as `loadDirectory` does. An id
  /// found in two manifests (in one folder or in two) is an error naming both files, recorded
  /// like every load error; no instance of that id can then be made (`makeStrategy` and the
  /// others fail saying where the two manifests are), so a host never picks one of two plugins
  /// by folder order. Throws when a folder cannot be read.
  public func loadDirectories(_ directories: [String], lazily: Bool = false)
    throws(ManifestError)
  {
    for directory in directories { try loadDirectory(directory, lazily: lazily) }
  }

  /// Manifests read by a lazy `loadDirectory` whose libraries are not open yet, by id.
  private var deferred: [String: String] = [:]
  /// Ids found in more than one manifest: the files, in load order.
  private var duplicated: [String: [String]] = [:]

  /// Records `file` as a second manifest of `id` (the first is `first`).
  private func recordDuplicate(_ id: String, file: String, first: String) {
    duplicated[id, default: [first]].append(file)
    entries.append(
      Entry(
        manifestPath: file,
        result: .failure(
          PluginLoadError(plugin: id, file: file, cause: .duplicateID(otherFile: first)))))
  }

  /// Loads one manifest; the outcome is recorded in `entries` and returned.
  @discardableResult
  public func load(manifestPath: String) -> Result<LoadedPlugin, PluginLoadError> {
    let result = loader.load(manifestPath: manifestPath)
    if case .success(let plugin) = result,
      let first = byID[plugin.id]?.manifest.file ?? deferred[plugin.id]
    {
      recordDuplicate(plugin.id, file: manifestPath, first: first)
      return entries[entries.count - 1].result
    }
    if case .success(let plugin) = result { byID[plugin.id] = plugin }
    entries.append(Entry(manifestPath: manifestPath, result: result))
    return result
  }

  /// The loaded plugins, by id order.
  public var plugins: [LoadedPlugin] { byID.values.sorted { $0.id < $1.id } }
  /// The load errors, in load order.
  public var errors: [PluginLoadError] {
    entries.compactMap { if case .failure(let error) = $0.result { error } else { nil } }
  }
  /// A loaded plugin by manifest id.
  public func plugin(_ id: String) -> LoadedPlugin? { byID[id] }

  // MARK: Instances

  /// Creates a strategy instance with the manifest's defaults overridden by `parameters`.
  public func makeStrategy(
    _ id: String, parameters: [(String, String)] = [], environment: any PluginEnvironment,
    label: String = ""
  ) throws(PluginCallError) -> StrategyInstance {
    let (plugin, core) = try makeCore(id, .strategy, parameters, environment, label)
    guard case .strategy(let vtable) = plugin.vtable else { fatalError("kind checked by makeCore") }
    return StrategyInstance(core: core, vtable: vtable)
  }

  /// Creates an indicator instance.
  public func makeIndicator(
    _ id: String, parameters: [(String, String)] = [], environment: any PluginEnvironment,
    label: String = ""
  ) throws(PluginCallError) -> IndicatorInstance {
    let (plugin, core) = try makeCore(id, .indicator, parameters, environment, label)
    guard case .indicator(let vtable) = plugin.vtable else {
      fatalError("kind checked by makeCore")
    }
    return IndicatorInstance(core: core, vtable: vtable)
  }

  /// Creates a model instance.
  public func makeModel(
    _ id: String, parameters: [(String, String)] = [], environment: any PluginEnvironment,
    label: String = ""
  ) throws(PluginCallError) -> ModelInstance {
    let (plugin, core) = try makeCore(id, .model, parameters, environment, label)
    guard case .model(let vtable) = plugin.vtable else { fatalError("kind checked by makeCore") }
    return ModelInstance(core: core, vtable: vtable)
  }

  /// Creates an exchange adapter instance (not yet connected).
  public func makeExchange(
    _ id: String, parameters: [(String, String)] = [], environment: any PluginEnvironment,
    label: String = ""
  ) throws(PluginCallError) -> ExchangeInstance {
    let (plugin, core) = try makeCore(id, .exchange, parameters, environment, label)
    guard case .exchange(let vtable) = plugin.vtable else { fatalError("kind checked by makeCore") }
    return ExchangeInstance(core: core, vtable: vtable)
  }

  /// Finds the plugin, checks its kind, resolves the parameters and calls `create`.
  private func makeCore(
    _ id: String, _ kind: PluginKind, _ overrides: [(String, String)],
    _ environment: any PluginEnvironment, _ label: String
  ) throws(PluginCallError) -> (LoadedPlugin, InstanceCore) {
    if let files = duplicated[id] {
      throw PluginCallError(
        plugin: id, operation: "load", status: nil,
        message:
          "the id is declared by \(files.count) manifests (\(files.joined(separator: ", "))); remove or rename all but one"
      )
    }
    if byID[id] == nil, let path = deferred.removeValue(forKey: id),
      case .failure(let error) = load(manifestPath: path)
    {
      throw PluginCallError(plugin: id, operation: "load", status: nil, message: error.description)
    }
    guard let plugin = byID[id] else {
      let known = (Array(byID.keys) + Array(deferred.keys)).sorted().joined(separator: ", ")
      // A manifest that did not load may be the one meant: say what is wrong with each, with
      // its file, line and column.
      let broken = errors.flatMap(\.lines)
      throw PluginCallError(
        plugin: id, operation: "create", status: nil,
        message: "no loaded plugin has this id (loaded: \(known.isEmpty ? "none" : known))"
          + (broken.isEmpty
            ? "" : "; manifests that did not load: " + broken.joined(separator: "; ")))
    }
    guard plugin.kind == kind else {
      throw PluginCallError(
        plugin: id, operation: "create", status: nil,
        message:
          "is \(Self.article(plugin.kind.rawValue)) plugin, not \(Self.article(kind.rawValue))")
    }
    let resolved: [ResolvedParameter]
    do {
      resolved = try ParameterResolver.resolve(
        plugin.manifest.parameters, overrides: overrides.map { (name: $0.0, value: $0.1) },
        plugin: id)
    } catch {
      throw PluginCallError(
        plugin: id, operation: "parameters", status: nil,
        message: error.problems.joined(separator: "; "))
    }
    let context = InstanceContext(
      pluginID: id, kind: kind, environment: environment, registry: self, label: label)
    let parameters = CParameterList(resolved)
    let core: InstanceCore
    switch plugin.vtable {
    case .strategy(let table):
      core = try InstanceCore(
        plugin: plugin, context: context, resolved: resolved, parameters: parameters,
        create: table.pointee.create!,
        destroy: table.pointee.destroy!)
    case .indicator(let table):
      if let foreign = plugin.foreign {
        core = InstanceCore(
          plugin: plugin, context: context, resolved: resolved,
          instance: try foreign.makeInstance(resolved), destroy: table.pointee.destroy!)
      } else {
        core = try InstanceCore(
          plugin: plugin, context: context, resolved: resolved, parameters: parameters,
          create: table.pointee.create!,
          destroy: table.pointee.destroy!)
      }
    case .model(let table):
      core = try InstanceCore(
        plugin: plugin, context: context, resolved: resolved, parameters: parameters,
        create: table.pointee.create!,
        destroy: table.pointee.destroy!)
    case .exchange(let table):
      core = try InstanceCore(
        plugin: plugin, context: context, resolved: resolved, parameters: parameters,
        create: table.pointee.create!,
        destroy: table.pointee.destroy!)
    }
    return (plugin, core)
  }

  /// `a strategy`, `an indicator`, `an exchange`.
  private static func article(_ noun: String) -> String {
    (noun.first.map { "aeiou".contains($0) } ?? false ? "an " : "a ") + noun
  }

  // MARK: Host-table services

  /// `th_host_api.indicator_create`: an indicator owned by `owner`.
  func createChildIndicator(
    for owner: InstanceContext, id: String, parameters: [(name: String, value: String)],
    out: UnsafeMutablePointer<th_indicator_handle>, error record: UnsafeMutablePointer<th_error>?
  ) -> th_status {
    adoptChild(owner, out: out, record: record) { () throws(PluginCallError) in
      let child = try makeIndicator(
        id, parameters: parameters.map { ($0.name, $0.value) }, environment: owner.environment,
        label: owner.label)
      return (child, UnsafeRawPointer(child.vtable), child.core.instance)
    }
  }

  /// `th_host_api.model_create`: a model owned by `owner`.
  func createChildModel(
    for owner: InstanceContext, id: String, parameters: [(name: String, value: String)],
    out: UnsafeMutablePointer<th_model_handle>, error record: UnsafeMutablePointer<th_error>?
  ) -> th_status {
    adoptChild(owner, out: out, record: record) { () throws(PluginCallError) in
      let child = try makeModel(
        id, parameters: parameters.map { ($0.name, $0.value) }, environment: owner.environment,
        label: owner.label)
      return (child, UnsafeRawPointer(child.vtable), child.core.instance)
    }
  }

  /// Creates a child instance, gives `owner` ownership of it and fills the plugin's handle
  /// (`th_indicator_handle` and `th_model_handle` share one layout).
  private func adoptChild<Handle>(
    _ owner: InstanceContext, out: UnsafeMutablePointer<Handle>,
    record: UnsafeMutablePointer<th_error>?,
    _ make: () throws(PluginCallError) -> (AnyObject, UnsafeRawPointer, UnsafeMutableRawPointer)
  ) -> th_status {
    do throws(PluginCallError) {
      let (child, vtable, instance) = try make()
      var handle = th_indicator_handle()
      handle.struct_size = UInt32(MemoryLayout<th_indicator_handle>.size)
      handle.handle_id = owner.adopt(child)
      handle.vtable = vtable.assumingMemoryBound(to: th_indicator_vtable.self)
      handle.instance = instance
      HostAPITable.copyOut(
        handle, to: UnsafeMutableRawPointer(out).assumingMemoryBound(to: th_indicator_handle.self))
      return th_status(TH_OK)
    } catch {
      return Self.report(error, to: record)
    }
  }

  /// Writes a host-side error into a plugin's error record and returns its status.
  private static func report(_ error: PluginCallError, to record: UnsafeMutablePointer<th_error>?)
    -> th_status
  {
    let status = error.status ?? th_status(TH_ERR_INVALID_ARGUMENT)
    guard let record else { return status }
    record.pointee.code = status
    CCharArray.write(error.description, into: &record.pointee.message)
    return status
  }
}
