import YAMLSupport
import Yams

/// Checks a composed manifest against the schema of `docs/manifest.md` and builds the `Manifest`.
///
/// Every rule is checked and every failure recorded in `problems`; a value that fails its own
/// rule is not used for checks that depend on it (an unknown `kind` disables the kind-specific
/// requirements, an unknown parameter `type` the checks of `default` and bounds), so one mistake
/// yields one problem.
struct ManifestValidator {
  let file: String
  let document: ComposedDocument
  let currentDirectory: String
  var problems: [ManifestProblem] = []

  init(file: String, document: ComposedDocument, currentDirectory: String) {
    self.file = file
    self.document = document
    self.currentDirectory = currentDirectory
  }

  static let commonKeys = [
    "id", "kind", "version", "abi", "library", "sha256", "entry", "toolchain",
    "description", "parameters", "state_version", "state_reads",
  ]
  static let requiredKeys = ["id", "kind", "version", "abi", "library", "description"]
  /// Keys allowed for one kind only, with that kind.
  static let kindKeys: [(key: String, kind: PluginKind)] = [
    ("outputs", .indicator), ("input", .indicator), ("ffi", .indicator),
    ("output", .model), ("features", .model),
    ("venue", .exchange),
  ]

  /// Validates the whole document; the manifest if there is no problem.
  mutating func validate() -> Manifest? {
    guard case .mapping(let mapping) = document.root else {
      report(
        "the top level must be a mapping of keys to values, found \(found(document.root))",
        at: document.root, path: "")
      return nil
    }
    let root = document.root
    let entries = entries(
      of: mapping, path: "", allowed: Self.commonKeys + Self.kindKeys.map(\.key))
    requireKeys(Self.requiredKeys, in: entries, mapping: root, path: "")

    let id = entries["id"].flatMap { pattern($0, NameRules.isPluginID, NameRules.pluginIDRule) }
    let kind = entries["kind"].flatMap { choice($0.value, path: "kind", as: PluginKind.self) }
    let version = entries["version"].flatMap {
      parsed($0, "a semantic version MAJOR.MINOR.PATCH such as 1.2.0", SemanticVersion.init)
    }
    let abi = entries["abi"].flatMap {
      parsed($0, "an ABI version MAJOR.MINOR such as 1.0", ABIVersion.init)
    }
    let library = entries["library"].flatMap { entry -> String? in
      guard let path = string(entry.value, path: "library") else { return nil }
      guard !NameRules.hasControlCharacter(path) else {
        report(
          "the library path must not contain control characters", at: entry.value, path: "library")
        return nil
      }
      return path
    }
    let sha256 = entries["sha256"].flatMap { checksum($0) }
    let entry = entries["entry"].flatMap { pattern($0, NameRules.isCSymbol, NameRules.cSymbolRule) }
    let toolchain = entries["toolchain"].flatMap {
      pattern($0, NameRules.isToolchain, "swift-X.Y or swift-X.Y.Z")
    }
    let description = entries["description"].flatMap { string($0.value, path: "description") }
    let stateVersion = entries["state_version"].flatMap {
      integer(
        $0.value, path: "state_version", in: 0...Int64(UInt32.max),
        expected: "an integer from 0 to \(UInt32.max)"
      ).map { UInt32($0) }
    }
    let stateReads = entries["state_reads"].flatMap {
      self.stateReads($0, stateVersion: stateVersion, declared: entries["state_version"] != nil)
    }
    let parameters = entries["parameters"].map { parameterSpecs($0) } ?? []
    let kindFields = kindSpecific(entries, kind: kind, root: root)
    var foreign: ForeignFunctions?
    if kind == .indicator, let declared = entries["ffi"] {
      foreign = foreignFunctions(
        declared, parameters: parameters, outputs: kindFields.outputs,
        input: kindFields.input ?? .bar)
      if let given = entries["entry"] {
        report(
          "`entry` has no meaning for a library called through `ffi` (it has no plugin entry); remove it",
          at: given.key, path: "")
      }
      if let stateVersion, stateVersion > 0, let given = entries["state_version"] {
        report(
          "a library called through `ffi` exports no state; state_version must be 0 or absent",
          at: given.value, path: "state_version")
      }
    }

    guard problems.isEmpty, let id, let kind, let version, let abi, let library, let description
    else {
      return nil
    }
    return Manifest(
      file: file, id: id, kind: kind, version: version, abi: abi,
      library: library,
      libraryPath: LibraryPath.resolve(
        library, manifestFile: file, currentDirectory: currentDirectory),
      sha256: sha256, entry: entry ?? Manifest.defaultEntry, toolchain: toolchain,
      description: description, parameters: parameters, stateVersion: stateVersion,
      stateReads: stateReads, outputs: kindFields.outputs,
      indicatorInput: kind == .indicator ? (kindFields.input ?? .bar) : nil,
      modelOutput: kindFields.output, features: kindFields.features, venue: kindFields.venue,
      foreign: foreign
    )
  }

  /// A scalar's text if `rule` accepts it; reports "expected <explanation>, found ..." otherwise.
  mutating func pattern(_ entry: Entry, _ rule: (String) -> Bool, _ explanation: String) -> String?
  {
    parsed(entry, explanation) { rule($0) ? $0 : nil }
  }

  /// A scalar's text converted by `parse`; reports "expected <explanation>, found ..." on nil.
  mutating func parsed<T>(_ entry: Entry, _ explanation: String, _ parse: (String) -> T?) -> T? {
    guard let raw = text(entry.value, path: entry.name, expected: explanation) else { return nil }
    guard let value = parse(raw) else {
      mismatch(entry.value, path: entry.name, expected: explanation)
      return nil
    }
    return value
  }

  /// One of the raw values of `T`; reports the list of allowed values otherwise.
  mutating func choice<T: RawRepresentable & CaseIterable>(
    _ node: Node, path: String, as type: T.Type
  ) -> T?
  where T.RawValue == String {
    let names = T.allCases.map(\.rawValue)
    let expected =
      names.count == 2 ? "\(names[0]) or \(names[1])" : "one of \(names.joined(separator: ", "))"
    guard let raw = text(node, path: path, expected: expected) else { return nil }
    guard let value = T(rawValue: raw) else {
      mismatch(node, path: path, expected: expected)
      return nil
    }
    return value
  }

  /// 64 hexadecimal characters, lowercased.
  private mutating func checksum(_ entry: Entry) -> String? {
    let expected = "64 hexadecimal characters"
    guard let raw = text(entry.value, path: "sha256", expected: expected) else { return nil }
    let count = raw.unicodeScalars.count
    if count != 64 {
      report(
        "expected \(expected), found \(count) character\(count == 1 ? "" : "s")", at: entry.value,
        path: "sha256")
      return nil
    }
    if let bad = raw.unicodeScalars.first(where: { !$0.isHexDigit }) {
      report(
        "expected \(expected), found the character \(Self.quote(String(bad)))", at: entry.value,
        path: "sha256")
      return nil
    }
    return raw.lowercased()
  }
}
