import CTradeHostPlugin
import Foundation
import PluginManifest
import PluginToolchain

/// Loads one plugin from its manifest, running every check in order, each before the next one
/// could do harm:
///
/// 1. the manifest is valid and its `abi` major is the host's;
/// 2. the library exists and is copied into a sealed memory file (`LibraryStaging`) that no
///    process can change; the bytes read back from it are a complete ELF shared object for this
///    machine and match the expected SHA-256: the manifest's `sha256`, else the one recorded in
///    `plugins.lock` beside the library (`PluginLock`); a library recorded nowhere loads
///    unchecked, and `plugins validate` warns about it;
/// 3. a library that links the Swift runtime declares the host's exact `toolchain` (checked before
///    `dlopen` runs any of its code, since a Swift image from another toolchain may crash the
///    process in its constructors);
/// 4. that sealed file is `dlopen`ed (`RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE`) through
///    `/proc/self/fd/N`: what was checked is what is mapped;
/// 5. the entry symbol resolves and returns a descriptor whose `struct_size`, ABI major (equal)
///    and minimum host minor (at most the host's) are acceptable;
/// 6. the descriptor's kind, toolchain, state version and indicator outputs agree with the
///    manifest, and the vtable is long enough and has every required function.
///
/// Every failure is one `PluginLoadError` naming the plugin, the file and the cause.
/// Runs on the loader thread; may block on file I/O.
public final class PluginLoader {
  /// Stages libraries in sealed memory files.
  public let staging: LibraryStaging
  /// The toolchain this host was built with.
  public let hostToolchain: String

  public init(
    staging: LibraryStaging = LibraryStaging(), hostToolchain: String = PluginToolchain.current
  ) {
    self.staging = staging
    self.hostToolchain = hostToolchain
  }

  /// Parses a manifest file and loads its library.
  public func load(manifestPath: String) -> Result<LoadedPlugin, PluginLoadError> {
    switch ManifestParser.load(path: manifestPath) {
    case .failure(let error):
      let name = URL(fileURLWithPath: manifestPath).lastPathComponent
      return .failure(
        PluginLoadError(plugin: name, file: manifestPath, cause: .manifest(error.problems)))
    case .success(let manifest):
      return load(manifest)
    }
  }

  /// Loads the library a validated manifest names.
  public func load(_ manifest: Manifest) -> Result<LoadedPlugin, PluginLoadError> {
    do throws(PluginLoadError.Cause) {
      return .success(try loadChecked(manifest))
    } catch {
      let file: String
      switch error {
      case .manifestABIUnsupported, .manifestDisagrees, .kindMismatch, .toolchainMissing,
        .foreignSymbolMissing, .foreignCallFailed:
        file = manifest.file
      default:
        file = manifest.libraryPath
      }
      return .failure(PluginLoadError(plugin: manifest.id, file: file, cause: error))
    }
  }

  private func loadChecked(_ manifest: Manifest) throws(PluginLoadError.Cause) -> LoadedPlugin {
    guard manifest.abi.major == HostABI.major else {
      throw .manifestABIUnsupported(manifest: manifest.abi.description, host: HostABI.version)
    }
    let staged = try staging.stage(
      readLibrary(manifest.libraryPath), id: manifest.id, version: manifest.version.description)
    var loaded = false
    defer { if !loaded { staging.discard(staged) } }
    // Every check reads the sealed staged bytes, which are exactly what dlopen maps.
    let bytes = staged.bytes
    let image: ELFImage
    switch ELFImage.inspect(bytes) {
    case .success(let inspected): image = inspected
    case .failure(let cause): throw cause
    }
    let expected = try PluginLock.expectedDigest(for: manifest)
    if let expected {
      let actual = FileDigest.sha256Hex(bytes)
      if actual != expected.digest {
        switch expected.source {
        case .manifest:
          throw .checksumMismatch(expected: expected.digest, actual: actual)
        case .lockFile(let lock):
          throw .lockMismatch(lock: lock, expected: expected.digest, actual: actual)
        }
      }
    }
    if image.isSwift {
      guard let toolchain = manifest.toolchain else { throw .toolchainMissing(host: hostToolchain) }
      guard toolchain == hostToolchain else {
        throw .toolchainMismatch(plugin: toolchain, host: hostToolchain)
      }
    }
    let library = try DynamicLibrary.open(staged.path)
    // Mapped: the descriptor now names a loaded image and stays open (see LibraryStaging).
    loaded = true
    if let foreign = manifest.foreign {
      return try bindForeign(
        manifest, functions: foreign, library: library, stagedPath: staged.path,
        checksum: expected)
    }
    return try bind(manifest, library: library, stagedPath: staged.path, checksum: expected)
  }

  private func readLibrary(_ path: String) throws(PluginLoadError.Cause) -> [UInt8] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw .libraryNotFound
    }
    guard !isDirectory.boolValue else { throw .libraryUnreadable("it is a directory") }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .libraryUnreadable("permission denied or I/O error")
    }
    return [UInt8](data)
  }

  /// Resolves the entry, checks the descriptor and copies the vtable.
  private func bind(
    _ manifest: Manifest, library: DynamicLibrary, stagedPath: String, checksum: ExpectedDigest?
  ) throws(PluginLoadError.Cause) -> LoadedPlugin {
    guard let symbol = library.symbol(manifest.entry) else {
      throw .entryMissing(symbol: manifest.entry)
    }
    let entry = unsafeBitCast(symbol, to: th_plugin_entry_fn.self)
    guard let pointer = entry() else { throw .entryReturnedNull(symbol: manifest.entry) }
    let raw = UnsafeRawPointer(pointer)
    let size = raw.loadUnaligned(as: UInt32.self)
    let minimum = MemoryLayout<th_plugin_descriptor>.size
    guard Int(size) >= minimum else { throw .descriptorTooShort(size: size, minimum: minimum) }
    let descriptor = pointer.pointee
    guard descriptor.abi_major == HostABI.major else {
      throw .abiMajorMismatch(plugin: descriptor.abi_major, host: HostABI.major)
    }
    guard descriptor.min_host_abi_minor <= HostABI.minor else {
      throw .abiMinorUnsupported(required: descriptor.min_host_abi_minor, host: HostABI.minor)
    }
    guard let libraryKind = PluginKind(abiValue: descriptor.kind) else {
      throw .kindMismatch(manifest: manifest.kind.rawValue, library: "unknown (\(descriptor.kind))")
    }
    guard libraryKind == manifest.kind else {
      throw .kindMismatch(manifest: manifest.kind.rawValue, library: libraryKind.rawValue)
    }
    let language: PluginLanguage =
      switch Int(descriptor.language) {
      case Int(TH_LANGUAGE_SWIFT): .swift
      case Int(TH_LANGUAGE_C): .c
      default: .other
      }
    let toolchain = descriptor.toolchain.map { String(cString: $0) }
    if language == .swift, toolchain != hostToolchain {
      throw .toolchainMismatch(
        plugin: toolchain ?? "an unnamed Swift toolchain", host: hostToolchain)
    }
    guard let vtableSource = descriptor.vtable else { throw .vtableMissing }
    let vtable = try PluginVTable.copy(vtableSource, kind: libraryKind)
    let (stateVersion, outputNames, capabilities) = Self.properties(of: vtable)
    if let declared = manifest.stateVersion, declared != stateVersion {
      throw .manifestDisagrees(
        "manifest state_version is \(declared), the library's is \(stateVersion)")
    }
    if manifest.kind == .indicator, outputNames != manifest.outputs {
      throw .manifestDisagrees(
        "manifest outputs are \(manifest.outputs), the library's are \(outputNames)")
    }
    return LoadedPlugin(
      manifest: manifest,
      libraryID: descriptor.plugin_id.map { String(cString: $0) } ?? "",
      libraryVersion: descriptor.plugin_version.map { String(cString: $0) } ?? "",
      abiMajor: descriptor.abi_major, abiMinor: descriptor.abi_minor, language: language,
      toolchain: toolchain, vtable: vtable, outputNames: outputNames, capabilities: capabilities,
      stagedPath: stagedPath, checksum: checksum, library: library)
  }

  /// A C library called through libffi (`ffi:`): no entry symbol, no descriptor; the declared
  /// functions are resolved and prepared, and the host's synthesized vtable stands for them.
  private func bindForeign(
    _ manifest: Manifest, functions: ForeignFunctions, library: DynamicLibrary,
    stagedPath: String, checksum: ExpectedDigest?
  ) throws(PluginLoadError.Cause) -> LoadedPlugin {
    let binding = try ForeignBinding(manifest: manifest, functions: functions, library: library)
    return LoadedPlugin(
      manifest: manifest, libraryID: manifest.id, libraryVersion: manifest.version.description,
      abiMajor: HostABI.major, abiMinor: HostABI.minor, language: .c, toolchain: nil,
      vtable: .indicator(binding.vtable), outputNames: manifest.outputs, capabilities: nil,
      stagedPath: stagedPath, checksum: checksum, library: library, foreign: binding)
  }

  private static func properties(of vtable: PluginVTable)
    -> (UInt32, [String], th_exchange_capabilities?)
  {
    switch vtable {
    case .strategy(let table):
      return (table.pointee.state_version, [], nil)
    case .model(let table):
      return (table.pointee.state_version, [], nil)
    case .indicator(let table):
      var names: [String] = []
      if let pointers = table.pointee.output_names {
        for index in 0..<Int(table.pointee.output_count) {
          names.append(pointers[index].map { String(cString: $0) } ?? "")
        }
      }
      return (table.pointee.state_version, names, nil)
    case .exchange(let table):
      var capabilities = th_exchange_capabilities()
      if let source = table.pointee.capabilities {
        let size = Int(UnsafeRawPointer(source).loadUnaligned(as: UInt32.self))
        withUnsafeMutableBytes(of: &capabilities) { target in
          target.copyMemory(
            from: UnsafeRawBufferPointer(start: source, count: min(size, target.count)))
        }
      }
      return (table.pointee.state_version, [], capabilities)
    }
  }
}

extension PluginKind {
  /// The kind a descriptor's `kind` field names.
  init?(abiValue: th_plugin_kind) {
    switch Int(abiValue) {
    case Int(TH_KIND_STRATEGY): self = .strategy
    case Int(TH_KIND_INDICATOR): self = .indicator
    case Int(TH_KIND_MODEL): self = .model
    case Int(TH_KIND_EXCHANGE): self = .exchange
    default: return nil
    }
  }
}
