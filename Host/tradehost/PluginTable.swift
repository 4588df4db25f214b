import PluginHost

/// The `plugins list` table: one row per manifest, columns aligned.
struct PluginTable {
  let registry: PluginRegistry

  func render() -> String {
    var rows = [["ID", "KIND", "VERSION", "ABI", "LANG", "STATUS"]]
    for entry in registry.entries {
      switch entry.result {
      case .success(let plugin):
        rows.append([
          plugin.id, plugin.kind.rawValue, plugin.manifest.version.description,
          "\(plugin.abiMajor).\(plugin.abiMinor)", plugin.language.rawValue, "loaded",
        ])
      case .failure(let error):
        rows.append([error.plugin, "-", "-", "-", "-", "error: \(error.cause.shortName)"])
      }
    }
    let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
    return rows.map { row in
      row.enumerated().map { index, cell in
        index == row.count - 1
          ? cell : cell.padding(toLength: widths[index] + 2, withPad: " ", startingAt: 0)
      }.joined()
    }.joined(separator: "\n") + "\n"
  }
}

extension PluginLoadError.Cause {
  /// A few words for the table's status column (the full message follows the table).
  var shortName: String {
    switch self {
    case .manifest: "invalid manifest"
    case .manifestABIUnsupported: "unsupported ABI"
    case .duplicateID: "duplicate id"
    case .libraryNotFound: "library not found"
    case .libraryUnreadable: "library unreadable"
    case .notELF: "not an ELF library"
    case .truncated: "truncated library"
    case .wrongArchitecture: "wrong architecture"
    case .checksumMismatch, .lockMismatch: "checksum mismatch"
    case .lockUnreadable: "lock file unreadable"
    case .toolchainMissing: "toolchain missing"
    case .toolchainMismatch: "toolchain mismatch"
    case .stagingFailed: "staging failed"
    case .dlopenFailed: "dlopen failed"
    case .entryMissing: "entry symbol missing"
    case .entryReturnedNull: "entry returned NULL"
    case .descriptorTooShort: "descriptor too short"
    case .abiMajorMismatch: "ABI major mismatch"
    case .abiMinorUnsupported: "ABI minor unsupported"
    case .kindMismatch: "kind mismatch"
    case .vtableMissing: "vtable missing"
    case .vtableTooShort: "vtable too short"
    case .functionMissing: "function missing"
    case .manifestDisagrees: "disagrees with manifest"
    case .foreignSymbolMissing: "ffi symbol missing"
    case .foreignCallFailed: "ffi call failed"
    }
  }
}
