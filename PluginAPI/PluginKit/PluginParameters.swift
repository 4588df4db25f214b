/// The parameters a plugin instance is created with, resolved by the host.
///
/// The host has already applied the manifest's defaults, the user's overrides, and the type and
/// bounds checks, so every parameter the manifest declares is present with its declared type.
/// The accessors still check and throw `PluginError.invalidArgument` rather than trap, so a
/// manifest that disagrees with its library produces a clear error instead of a crash.
///
/// Built once in `create` (on the loader thread); read it there and keep the values you need.
public struct PluginParameters: Sendable {
  /// One parameter's value.
  public enum Value: Sendable, Equatable {
    case int(Int64)
    case float(Double)
    case bool(Bool)
    case choice(String, index: Int)
  }

  /// Parameter names in the manifest's declaration order.
  public let names: [String]
  private let values: [String: Value]

  /// Copies parameters out of the host's array.
  public init(_ params: UnsafePointer<th_param>?, count: UInt32) {
    var names: [String] = []
    var values: [String: Value] = [:]
    if let params {
      for index in 0..<Int(count) {
        let param = params[index]
        guard let namePointer = param.name else { continue }
        let name = String(cString: namePointer)
        let value: Value
        switch Int(param.type) {
        case Int(TH_PARAM_INT): value = .int(param.int_value)
        case Int(TH_PARAM_FLOAT): value = .float(param.float_value)
        case Int(TH_PARAM_BOOL): value = .bool(param.int_value != 0)
        case Int(TH_PARAM_ENUM):
          let text = param.enum_value.map { String(cString: $0) } ?? ""
          value = .choice(text, index: Int(param.int_value))
        default: continue
        }
        names.append(name)
        values[name] = value
      }
    }
    self.names = names
    self.values = values
  }

  /// Parameters from Swift values (tests, and plugins that create helpers in-process).
  public init(_ values: [(String, Value)]) {
    self.names = values.map(\.0)
    self.values = Dictionary(values, uniquingKeysWith: { _, last in last })
  }

  /// The raw value of `name`, or nil when the host did not pass it.
  public subscript(name: String) -> Value? { values[name] }

  /// An integer parameter.
  public func int(_ name: String) throws -> Int {
    guard case .int(let value) = try require(name) else { throw mismatch(name, "an int") }
    return Int(value)
  }

  /// A float parameter (an int parameter is widened).
  public func double(_ name: String) throws -> Double {
    switch try require(name) {
    case .float(let value): return value
    case .int(let value): return Double(value)
    default: throw mismatch(name, "a float")
    }
  }

  /// A bool parameter.
  public func bool(_ name: String) throws -> Bool {
    guard case .bool(let value) = try require(name) else { throw mismatch(name, "a bool") }
    return value
  }

  /// An enum parameter's chosen string.
  public func choice(_ name: String) throws -> String {
    guard case .choice(let value, _) = try require(name) else { throw mismatch(name, "an enum") }
    return value
  }

  private func require(_ name: String) throws -> Value {
    guard let value = values[name] else {
      throw PluginError.invalidArgument(
        "parameter \(name) was not passed; the manifest must declare it")
    }
    return value
  }

  private func mismatch(_ name: String, _ expected: String) -> PluginError {
    .invalidArgument("parameter \(name) is not \(expected); check the manifest's type")
  }
}
