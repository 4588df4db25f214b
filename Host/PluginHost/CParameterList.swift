import CTradeHostPlugin
import PluginManifest

/// Resolved parameters as the C array `create` receives. Owns the strings it points to; keep it
/// alive for the duration of the call only (plugins copy what they keep).
final class CParameterList {
  private(set) var parameters: [th_param] = []
  private let strings: CParameterStrings

  init(_ resolved: [ResolvedParameter]) {
    // Strings in order: each parameter's name, then its choice when it is an enum.
    var texts: [String] = []
    for parameter in resolved {
      texts.append(parameter.name)
      if case .choice(let value) = parameter.value { texts.append(value) }
    }
    strings = CParameterStrings(texts)
    var next = 0
    for parameter in resolved {
      var param = th_param()
      param.struct_size = UInt32(MemoryLayout<th_param>.size)
      param.name = strings.pointer(next)
      next += 1
      switch parameter.value {
      case .int(let value):
        param.type = th_param_type(TH_PARAM_INT)
        param.int_value = value
        param.float_value = Double(value)
      case .float(let value):
        param.type = th_param_type(TH_PARAM_FLOAT)
        param.float_value = value
      case .bool(let value):
        param.type = th_param_type(TH_PARAM_BOOL)
        param.int_value = value ? 1 : 0
      case .choice:
        param.type = th_param_type(TH_PARAM_ENUM)
        param.enum_value = strings.pointer(next)
        next += 1
        param.int_value = Int64(parameter.choiceIndex ?? -1)
      }
      parameters.append(param)
    }
  }

  /// Calls `body` with the array and its count.
  func withArray<R>(_ body: (UnsafePointer<th_param>?, UInt32) -> R) -> R {
    parameters.withUnsafeBufferPointer { body($0.baseAddress, UInt32($0.count)) }
  }
}
