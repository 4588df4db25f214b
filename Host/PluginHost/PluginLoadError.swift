import PluginManifest

/// Why a plugin did not load: one clear cause, naming the plugin and the file concerned.
///
/// The loader never throws anything else and never crashes on a bad file; the registry records
/// the error and goes on with the other plugins.
public struct PluginLoadError: Error, CustomStringConvertible, Sendable, Equatable {
  /// The plugin's manifest id, or the manifest's file name when the manifest could not be read.
  public let plugin: String
  /// The file at fault: the manifest, or the library it names.
  public let file: String
  /// What is wrong.
  public let cause: Cause

  public init(plugin: String, file: String, cause: Cause) {
    self.plugin = plugin
    self.file = file
    self.cause = cause
  }

  /// Everything that can stop a plugin from loading.
  public enum Cause: Error, Sendable, Equatable {
    /// The manifest has problems (each with file, line and column).
    case manifest([ManifestProblem])
    /// The manifest's `abi` has a major the host does not implement.
    case manifestABIUnsupported(manifest: String, host: String)
    /// Another manifest already provides this id.
    case duplicateID(otherFile: String)
    /// The library file does not exist.
    case libraryNotFound
    /// The library file exists but cannot be read.
    case libraryUnreadable(String)
    /// The file is not an ELF shared object.
    case notELF(String)
    /// The ELF file is cut short (a segment or table lies past its end).
    case truncated(String)
    /// An ELF shared object for another machine or ABI.
    case wrongArchitecture(String)
    /// The file's SHA-256 differs from the manifest's `sha256`.
    case checksumMismatch(expected: String, actual: String)
    /// The file's SHA-256 differs from the one the lock file beside it records.
    case lockMismatch(lock: String, expected: String, actual: String)
    /// The lock file beside the library cannot be read or has a malformed line.
    case lockUnreadable(lock: String, problem: String)
    /// A Swift-built library whose manifest has no `toolchain`.
    case toolchainMissing(host: String)
    /// A Swift-built library from another toolchain than the host's.
    case toolchainMismatch(plugin: String, host: String)
    /// The library could not be staged in a sealed memory file.
    case stagingFailed(String)
    /// `dlopen` refused the library (`dlerror` text).
    case dlopenFailed(String)
    /// The entry symbol is not exported.
    case entryMissing(symbol: String)
    /// The entry function returned NULL.
    case entryReturnedNull(symbol: String)
    /// The descriptor is shorter than ABI 1.0's.
    case descriptorTooShort(size: UInt32, minimum: Int)
    /// The plugin was built for another ABI major.
    case abiMajorMismatch(plugin: UInt16, host: UInt16)
    /// The plugin needs host functions of a newer minor than this host has.
    case abiMinorUnsupported(required: UInt16, host: UInt16)
    /// The library is of another kind than its manifest says.
    case kindMismatch(manifest: String, library: String)
    /// The descriptor has no vtable.
    case vtableMissing
    /// The vtable's `struct_size` ends before a field ABI 1.0 requires.
    case vtableTooShort(table: String, size: UInt32, minimum: Int, missing: String)
    /// A required function pointer is NULL.
    case functionMissing(table: String, function: String)
    /// The library disagrees with its manifest about a declared property.
    case manifestDisagrees(String)
    /// A function the manifest's `ffi` section declares (under `key`) is not exported by the
    /// library.
    case foreignSymbolMissing(key: String, symbol: String, library: String)
    /// A declared C function could not be prepared or its `initialize` failed.
    case foreignCallFailed(String)
  }

  public var description: String { lines.joined(separator: "\n") }

  /// One line per problem, as `plugins validate` prints them.
  public var lines: [String] {
    switch cause {
    case .manifest(let problems): return problems.map { "\(plugin): \($0)" }
    case .libraryNotFound:
      return ["\(plugin): \(file): \(cause.message) (\(Self.missingLibraryAdvice(file)))"]
    default: return ["\(plugin): \(file): \(cause.message)"]
    }
  }
}

extension PluginLoadError {
  /// What to do about a missing library at `path`: a shipped plugin is built by `make plugins`
  /// into `.build/plugins/`; any other is the plugin author's build.
  static func missingLibraryAdvice(_ path: String) -> String {
    if path.contains("/.build/plugins/") {
      return "a shipped plugin: build it with `make plugins`, or fix `library:`"
    }
    return
      "build the plugin and put its library there (a Swift package: `swift build -c release`, then copy lib<product>.so), or fix `library:` in the manifest (relative paths start at the manifest's folder)"
  }
}

extension PluginLoadError.Cause {
  /// One sentence saying what is wrong.
  public var message: String {
    switch self {
    case .manifest(let problems):
      return problems.map(\.description).joined(separator: "; ")
    case .manifestABIUnsupported(let manifest, let host):
      return "manifest declares abi \(manifest), but this host implements ABI \(host)"
    case .duplicateID(let otherFile):
      return "the id is already provided by \(otherFile)"
    case .libraryNotFound:
      return "library file not found"
    case .libraryUnreadable(let reason):
      return "library cannot be read: \(reason)"
    case .notELF(let reason):
      return "not an ELF shared library: \(reason)"
    case .truncated(let reason):
      return "library is truncated: \(reason)"
    case .wrongArchitecture(let reason):
      return "library is for another platform: \(reason)"
    case .checksumMismatch(let expected, let actual):
      return "sha256 mismatch: manifest expects \(expected), file has \(actual)"
    case .lockMismatch(let lock, let expected, let actual):
      return "sha256 mismatch: \(lock) records \(expected), file has \(actual); if you replaced "
        + "the library on purpose, record its digest with `tradehost plugins lock` "
        + "(or rebuild with `make plugins`)"
    case .lockUnreadable(let lock, let problem):
      return "the lock file \(lock) cannot be used: \(problem)"
    case .toolchainMissing(let host):
      return "library is built with Swift but its manifest has no `toolchain` (this host: \(host))"
    case .toolchainMismatch(let plugin, let host):
      return "library is built with \(plugin) but this host is \(host); "
        + "rebuild the plugin with the host's toolchain"
    case .stagingFailed(let reason):
      return "cannot stage the library in a sealed memory file: \(reason)"
    case .dlopenFailed(let reason):
      return "dlopen failed: \(reason)"
    case .entryMissing(let symbol):
      return "entry symbol \(symbol) is not exported"
    case .entryReturnedNull(let symbol):
      return "entry function \(symbol) returned NULL"
    case .descriptorTooShort(let size, let minimum):
      return "descriptor struct_size \(size) is shorter than ABI 1.0's \(minimum) bytes"
    case .abiMajorMismatch(let plugin, let host):
      return "plugin ABI major \(plugin) is not supported (host ABI major \(host))"
    case .abiMinorUnsupported(let required, let host):
      return "plugin needs host ABI 1.\(required), but this host implements 1.\(host)"
    case .kindMismatch(let manifest, let library):
      return "manifest says kind \(manifest), but the library's descriptor says \(library)"
    case .vtableMissing:
      return "descriptor has no vtable"
    case .vtableTooShort(let table, let size, let minimum, let missing):
      return "\(table) struct_size \(size) is shorter than ABI 1.0's \(minimum) bytes "
        + "(required field \(missing) is missing)"
    case .functionMissing(let table, let function):
      return "required function \(table).\(function) is NULL"
    case .manifestDisagrees(let what):
      return "library disagrees with its manifest: \(what)"
    case .foreignSymbolMissing(let key, let symbol, let library):
      return "ffi.\(key) declares \(symbol), which \(library) does not export"
    case .foreignCallFailed(let reason):
      return reason
    }
  }
}
