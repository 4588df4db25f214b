/// A validated plugin manifest: what the loader needs to find, check and start a plugin.
///
/// Values produced by `ManifestParser` satisfy every rule of `docs/manifest.md`: kind-specific
/// fields are set only for their kind (`outputs` non-empty and `indicatorInput` set for an
/// indicator, `modelOutput` set for a model, `venue` set for an exchange) and empty or nil
/// otherwise.
public struct Manifest: Sendable {
  /// The manifest's path as given to the parser.
  public let file: String
  public let id: String
  public let kind: PluginKind
  public let version: SemanticVersion
  public let abi: ABIVersion
  /// The `library` value as written.
  public let library: String
  /// `library` resolved against the manifest's folder (and a relative folder against the
  /// current directory), lexically standardized: always absolute.
  public let libraryPath: String
  /// Lowercase hex SHA-256 of the library, if declared.
  public let sha256: String?
  /// The C entry symbol; `tradehost_plugin_entry` unless declared.
  public let entry: String
  /// The toolchain the library was built with, `swift-X.Y[.Z]`, if declared.
  public let toolchain: String?
  public let description: String
  /// Parameter specs in declaration order.
  public let parameters: [ParameterSpec]
  /// The format version of the plugin's exported state, if declared.
  public let stateVersion: UInt32?
  /// The state versions the plugin's `import_state` reads (`state_reads`), in declaration order:
  /// its own `stateVersion` and the older ones it migrates. Without `state_reads` it is
  /// `[stateVersion]` when that is above 0, else empty. Hot reload hands an old instance's state
  /// to a new version only when the new version lists the old one's state version here.
  public let stateReads: [UInt32]
  /// Indicator output names in declaration order; empty for other kinds.
  public let outputs: [String]
  /// Indicator input (default `.bar`); nil for other kinds.
  public let indicatorInput: IndicatorInput?
  /// Model output; nil for other kinds.
  public let modelOutput: ModelOutput?
  /// Model feature count, if declared; nil for other kinds.
  public let features: Int?
  /// Exchange venue name; nil for other kinds.
  public let venue: String?
  /// For an indicator whose library is a plain C library called through libffi (`ffi:`), its
  /// declared functions; nil for a plugin with an entry symbol.
  public let foreign: ForeignFunctions?

  /// The entry symbol used when a manifest declares none.
  public static let defaultEntry = "tradehost_plugin_entry"

  /// Whether the plugin's `import_state` reads a state exported with format `stateVersion`
  /// (one of `stateReads`). Never true for 0, the version of a plugin that keeps no state.
  public func canImport(stateVersion: UInt32) -> Bool {
    stateVersion > 0 && stateReads.contains(stateVersion)
  }

  /// `stateReads` of a manifest without `state_reads`: the plugin reads its own format only.
  static func defaultStateReads(_ stateVersion: UInt32?) -> [UInt32] {
    guard let stateVersion, stateVersion > 0 else { return [] }
    return [stateVersion]
  }

  /// Builds a manifest directly, e.g. in tests. No validation is done here; `stateReads`
  /// defaults as it does for a manifest file without `state_reads`.
  public init(
    file: String,
    id: String,
    kind: PluginKind,
    version: SemanticVersion,
    abi: ABIVersion,
    library: String,
    libraryPath: String,
    sha256: String? = nil,
    entry: String = Manifest.defaultEntry,
    toolchain: String? = nil,
    description: String,
    parameters: [ParameterSpec] = [],
    stateVersion: UInt32? = nil,
    stateReads: [UInt32]? = nil,
    outputs: [String] = [],
    indicatorInput: IndicatorInput? = nil,
    modelOutput: ModelOutput? = nil,
    features: Int? = nil,
    venue: String? = nil,
    foreign: ForeignFunctions? = nil
  ) {
    self.file = file
    self.id = id
    self.kind = kind
    self.version = version
    self.abi = abi
    self.library = library
    self.libraryPath = libraryPath
    self.sha256 = sha256
    self.entry = entry
    self.toolchain = toolchain
    self.description = description
    self.parameters = parameters
    self.stateVersion = stateVersion
    self.stateReads = stateReads ?? Self.defaultStateReads(stateVersion)
    self.outputs = outputs
    self.indicatorInput = indicatorInput
    self.modelOutput = modelOutput
    self.features = features
    self.venue = venue
    self.foreign = foreign
  }
}
