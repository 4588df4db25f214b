import CFFI
import PluginManifest

/// One C function of a foreign library, prepared for libffi: its address and a call interface
/// (`ffi_cif`) built from the manifest's prototype.
///
/// Made on the loader thread, once per declared function; lives as long as the process (the
/// library is never unloaded). `call` may run on any one thread at a time per argument block; it
/// does not allocate (libffi places stack arguments with `alloca`).
final class ForeignCall: @unchecked Sendable {
  // @unchecked: written once in init, then only read; libffi reads the cif without writing it.
  /// The prototype as declared.
  let signature: CSignature
  private let function: UnsafeMutableRawPointer
  private let cif: UnsafeMutablePointer<ffi_cif>
  private let argumentTypes: UnsafeMutablePointer<UnsafeMutablePointer<ffi_type>?>

  /// Prepares the call interface; nil with libffi's status when it refuses the prototype.
  init(_ signature: CSignature, address: UnsafeMutableRawPointer) throws(PluginLoadError.Cause) {
    self.signature = signature
    self.function = address
    let count = signature.parameters.count
    argumentTypes = .allocate(capacity: max(count, 1))
    for (index, parameter) in signature.parameters.enumerated() {
      argumentTypes[index] = Self.ffiType(parameter.type)
    }
    cif = .allocate(capacity: 1)
    let status = ffi_prep_cif(
      cif, th_ffi_default_abi(), UInt32(count), Self.ffiType(signature.returnType),
      argumentTypes)
    guard status == FFI_OK else {
      throw .foreignCallFailed(
        "libffi cannot prepare a call to \(signature.description) (ffi_prep_cif status \(status.rawValue))"
      )
    }
  }

  deinit {
    cif.deallocate()
    argumentTypes.deallocate()
  }

  /// Calls the function. `arguments` holds one pointer per parameter, each to a value of the
  /// declared type; `result` receives the return value (at least 8 bytes, as libffi widens
  /// integer returns to `ffi_arg`).
  @inline(__always)
  func call(
    result: UnsafeMutableRawPointer?, arguments: UnsafeMutablePointer<UnsafeMutableRawPointer?>?
  ) {
    ffi_call(cif, unsafeBitCast(function, to: (@convention(c) () -> Void).self), result, arguments)
  }

  /// The libffi type descriptor of a declared C type.
  static func ffiType(_ type: CType) -> UnsafeMutablePointer<ffi_type> {
    switch type {
    case .void: th_ffi_type_void()
    case .int: th_ffi_type_sint32()
    case .unsignedInt: th_ffi_type_uint32()
    case .long: th_ffi_type_sint64()
    case .double: th_ffi_type_double()
    case .doublePointer, .intPointer, .voidPointer: th_ffi_type_pointer()
    }
  }
}

/// A block of argument slots for one `ForeignCall`: 8 bytes per parameter and the pointer array
/// libffi reads, allocated once per instance so calls allocate nothing.
struct ForeignArguments {
  /// One 8-byte slot per parameter.
  let slots: UnsafeMutableRawPointer
  /// `pointers[i]` points at slot `i`.
  let pointers: UnsafeMutablePointer<UnsafeMutableRawPointer?>
  let count: Int

  init(count: Int) {
    self.count = count
    slots = .allocate(byteCount: max(count, 1) * 8, alignment: 8)
    slots.initializeMemory(as: UInt8.self, repeating: 0, count: max(count, 1) * 8)
    pointers = .allocate(capacity: max(count, 1))
    for index in 0..<count { pointers[index] = slots + index * 8 }
  }

  func deallocate() {
    slots.deallocate()
    pointers.deallocate()
  }

  /// Stores a value of the C type `type` in slot `index`.
  @inline(__always)
  func set(_ index: Int, int value: Int64, as type: CType) {
    switch type {
    case .int: slots.storeBytes(of: Int32(truncatingIfNeeded: value), toByteOffset: index * 8, as: Int32.self)
    case .unsignedInt:
      slots.storeBytes(of: UInt32(truncatingIfNeeded: value), toByteOffset: index * 8, as: UInt32.self)
    default: slots.storeBytes(of: value, toByteOffset: index * 8, as: Int64.self)
    }
  }

  @inline(__always)
  func set(_ index: Int, double value: Double) {
    slots.storeBytes(of: value, toByteOffset: index * 8, as: Double.self)
  }

  @inline(__always)
  func set(_ index: Int, pointer value: UnsafeRawPointer?) {
    slots.storeBytes(of: value, toByteOffset: index * 8, as: UnsafeRawPointer?.self)
  }

  @inline(__always)
  func int32(_ index: Int) -> Int32 { slots.load(fromByteOffset: index * 8, as: Int32.self) }
}
