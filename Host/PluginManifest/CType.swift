/// A C type a manifest may write in a foreign function's signature (`ffi:`): the scalar and
/// pointer types an indicator library's functions take and return, on this platform's LP64 ABI.
public enum CType: Sendable, Equatable {
  /// `void` (a return type only).
  case void
  /// `int`, `int32_t`: 32-bit signed.
  case int
  /// `unsigned`, `unsigned int`, `uint32_t`: 32-bit unsigned.
  case unsignedInt
  /// `long`, `long long`, `int64_t`: 64-bit signed.
  case long
  /// `double`.
  case double
  /// `double *` or `double name[]`; `isConst` for `const double *`.
  case doublePointer(isConst: Bool)
  /// `int *` (or `int32_t *`, `int name[]`).
  case intPointer(isConst: Bool)
  /// `void *`: an opaque state.
  case voidPointer(isConst: Bool)

  /// Whether the type is one of the integers.
  public var isInteger: Bool { self == .int || self == .unsignedInt || self == .long }

  /// Whether the type is a pointer.
  public var isPointer: Bool {
    switch self {
    case .doublePointer, .intPointer, .voidPointer: true
    default: false
    }
  }

  /// The type as C spells it.
  public var spelling: String {
    switch self {
    case .void: "void"
    case .int: "int"
    case .unsignedInt: "unsigned int"
    case .long: "long"
    case .double: "double"
    case .doublePointer(let isConst): isConst ? "const double *" : "double *"
    case .intPointer(let isConst): isConst ? "const int *" : "int *"
    case .voidPointer(let isConst): isConst ? "const void *" : "void *"
    }
  }
}

/// One parameter of a declared C function.
public struct CParameter: Sendable, Equatable {
  public let type: CType
  /// The parameter's name as written, or nil when the declaration leaves it out.
  public let name: String?

  public init(type: CType, name: String?) {
    self.type = type
    self.name = name
  }
}
