import Yams

/// The `state_reads` list: the state versions a plugin's `import_state` can read.
extension ManifestValidator {
  /// The largest state version (the ABI carries it as a `uint32_t`).
  static let stateVersionLimit = Int64(UInt32.max)

  /// The versions of a `state_reads` entry in declaration order; nil after reporting any problem.
  ///
  /// Each item must be an integer from 1 to `UInt32.max`, without repeats. The list needs a
  /// `state_version` above 0 (`declared` says whether the key is present; `stateVersion` is its
  /// value when it passed its own check) and must contain it: a plugin always reads the format
  /// it writes. An invalid `state_version` was reported at its own key and turns these two
  /// checks off, so one mistake gives one problem.
  mutating func stateReads(_ entry: Entry, stateVersion: UInt32?, declared: Bool) -> [UInt32]? {
    let expected = "a state version from 1 to \(UInt32.max)"
    guard case .sequence(let sequence) = entry.value else {
      mismatch(entry.value, path: entry.name, expected: "a list of state versions such as [1, 2]")
      return nil
    }
    var versions: [UInt32] = []
    var valid = true
    for (index, item) in sequence.enumerated() {
      let itemPath = "\(entry.name)[\(index)]"
      guard
        let value = integer(
          item, path: itemPath, in: 1...Self.stateVersionLimit, expected: expected)
      else {
        valid = false
        continue
      }
      let version = UInt32(value)
      if versions.contains(version) {
        report("duplicate state version \(version)", at: item, path: itemPath)
        valid = false
        continue
      }
      versions.append(version)
    }
    if !declared {
      report(
        "`state_reads` requires `state_version` (above 0, the version the plugin writes)",
        at: entry.key, path: "")
      return nil
    }
    guard let stateVersion else { return nil }
    if stateVersion == 0 {
      report(
        "`state_reads` requires `state_version` above 0; a plugin with state version 0 keeps "
          + "no state to import", at: entry.key, path: "")
      return nil
    }
    if valid, !versions.contains(stateVersion) {
      report(
        "must include the plugin's own state_version \(stateVersion)", at: entry.value,
        path: entry.name)
      return nil
    }
    return valid ? versions : nil
  }
}
