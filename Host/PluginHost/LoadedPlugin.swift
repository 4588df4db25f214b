import CTradeHostPlugin
import PluginManifest

/// A plugin library that passed every check: its manifest, what its descriptor says, and the
/// host's copy of its vtable. Instances are created from it through `PluginRegistry`.
///
/// Immutable after loading; safe to read from any thread.
public final class LoadedPlugin: Sendable {
  /// The validated manifest.
  public let manifest: Manifest
  /// The plugin's own id (from its descriptor; the manifest id is the one that counts).
  public let libraryID: String
  /// The version the library reports.
  public let libraryVersion: String
  /// The ABI version the library was built against.
  public let abiMajor: UInt16
  public let abiMinor: UInt16
  /// The language the library was built with.
  public let language: PluginLanguage
  /// The toolchain a Swift library was built with.
  public let toolchain: String?
  /// The vtable (host copy).
  public let vtable: PluginVTable
  /// Indicator output names, in output order (indicators only).
  public let outputNames: [String]
  /// Exchange capabilities (exchange adapters only).
  public let capabilities: th_exchange_capabilities?
  /// Where the image was loaded from: the sealed memory file, `/proc/self/fd/N` (unique for
  /// the life of the process).
  public let stagedPath: String
  /// The SHA-256 the library was verified against and where it was recorded, or nil when
  /// neither its manifest nor a lock file records one (it loaded unchecked).
  public let checksum: ExpectedDigest?
  let library: DynamicLibrary
  /// For a C library called through libffi (`ffi:` in the manifest), its bound functions.
  let foreign: ForeignBinding?

  init(
    manifest: Manifest, libraryID: String, libraryVersion: String, abiMajor: UInt16,
    abiMinor: UInt16, language: PluginLanguage, toolchain: String?, vtable: PluginVTable,
    outputNames: [String], capabilities: th_exchange_capabilities?, stagedPath: String,
    checksum: ExpectedDigest?, library: DynamicLibrary, foreign: ForeignBinding? = nil
  ) {
    self.manifest = manifest
    self.libraryID = libraryID
    self.libraryVersion = libraryVersion
    self.abiMajor = abiMajor
    self.abiMinor = abiMinor
    self.language = language
    self.toolchain = toolchain
    self.vtable = vtable
    self.outputNames = outputNames
    self.capabilities = capabilities
    self.stagedPath = stagedPath
    self.checksum = checksum
    self.library = library
    self.foreign = foreign
  }

  /// The manifest id.
  public var id: String { manifest.id }
  /// The kind.
  public var kind: PluginKind { manifest.kind }
}

/// The language a plugin library was built with, as its descriptor says.
public enum PluginLanguage: String, Sendable {
  case c
  case swift
  case other
}
