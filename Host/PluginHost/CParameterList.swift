import CTradeHostPlugin
import PluginManifest

/// Resolved parameters as the C array `create` receives. Owns the strings it points to; keep it
/// alive for the duration of the call only (plugins copy what they keep).
final class CParameterList {
  private(set) var parameters: [th_param] = []
  private var strings: [UnsafeMutablePointer<CChar>] = []

  init(_ resolved: [ResolvedParameter]) {
    for parameter in resolved {
      var param = th_param()
      param.struct_size = UInt32(MemoryLayout<th_param>.size)
      param.name = UnsafePointer(keep(parameter.name))
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
      case .choice(let value):
        param.type = th_param_type(TH_PARAM_ENUM)
        param.enum_value = UnsafePointer(keep(value))
        param.int_value = Int64(parameter.choiceIndex ?? -1)
      }
      parameters.append(param)
    }
  }

  deinit { for string in strings { string.deallocate() } }

  private func keep(_ string: String) -> UnsafeMutablePointer<CChar> {
    let utf8 = Array(string.utf8CString)
    let pointer = UnsafeMutablePointer<CChar>.allocate(capacity: utf8.count)
    pointer.initialize(from: utf8, count: utf8.count)
    strings.append(pointer)
    return pointer
  }

  /// Calls `body` with the array and its count.
  func withArray<R>(_ body: (UnsafePointer<th_param>?, UInt32) -> R) -> R {
    parameters.withUnsafeBufferPointer { body($0.baseAddress, UInt32($0.count)) }
  }
}
