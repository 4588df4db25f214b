import PluginManifest

/// One indicator in `tradehost indicators list`: its id, version and description, then its input,
/// its outputs in order, for a C library called through libffi its function and form, and each
/// parameter with its type, default, range or choices.
enum IndicatorListing {
  static func describe(_ manifest: Manifest) -> String {
    var text = "\(manifest.id) \(manifest.version): \(manifest.description)\n"
    text += "  input: \(manifest.indicatorInput?.rawValue ?? "bar")\n"
    text += "  outputs: \(manifest.outputs.joined(separator: ", "))\n"
    if let foreign = manifest.foreign {
      let (form, symbol) =
        switch foreign.form {
        case .array(let function, _): ("array", function.name)
        case .streaming(let new, _, _, _): ("streaming", new.name)
        }
      text += "  ffi: \(symbol) (\(form) form, through libffi) in \(manifest.library)\n"
    }
    if manifest.parameters.isEmpty {
      text += "  parameters: none\n"
    } else {
      text += "  parameters:\n"
      for spec in manifest.parameters {
        var line = "    \(spec.name) (\(spec.type.rawValue), default \(spec.defaultValue)"
        if let min = spec.min { line += ", min \(number(min))" }
        if let max = spec.max { line += ", max \(number(max))" }
        if !spec.choices.isEmpty { line += ", one of \(spec.choices.joined(separator: " "))" }
        line += ")"
        if let description = spec.description { line += ": \(description)" }
        text += line + "\n"
      }
    }
    return text
  }

  /// A bound as written: `10`, not `10.0`.
  private static func number(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
  }
}
