import CTradeHostPlugin
import PluginManifest

/// A foreign indicator library bound to its manifest: each declared function resolved in the
/// opened image and prepared for libffi, and the `th_indicator_vtable` the host synthesizes for
/// it, so the rest of the host (instances, handles given to strategies, `indicators run`) uses it
/// as any indicator plugin.
///
/// Made once per loaded manifest on the loader thread; immutable afterwards.
final class ForeignBinding: @unchecked Sendable {
  // @unchecked: every stored property is written in init and only read afterwards.
  let plugin: String
  let functions: ForeignFunctions
  private let calls: [String: ForeignCall]
  private let inputs: [ForeignIndicator.InputField]
  private let outputCount: Int
  /// The synthesized vtable (lives as long as the process, like every plugin's host copy).
  let vtable: UnsafePointer<th_indicator_vtable>

  /// Resolves and prepares every declared function, then runs `initialize` if declared.
  init(manifest: Manifest, functions: ForeignFunctions, library: DynamicLibrary)
    throws(PluginLoadError.Cause)
  {
    plugin = manifest.id
    self.functions = functions
    var calls: [String: ForeignCall] = [:]
    for (key, signature) in functions.functions {
      guard let address = library.symbol(signature.name) else {
        throw .foreignSymbolMissing(key: key, symbol: signature.name, library: manifest.libraryPath)
      }
      calls[key] = try ForeignCall(signature, address: address)
    }
    self.calls = calls
    inputs = functions.inputs.map {
      switch $0 {
      case .open: .open
      case .high: .high
      case .low: .low
      case .close, .value: .close
      case .volume: .volume
      }
    }
    outputCount = manifest.outputs.count
    vtable = ForeignIndicatorTable.make(
      outputs: manifest.outputs, input: manifest.indicatorInput ?? .bar)
    if let initialize = calls["initialize"] {
      var status: Int64 = 0
      initialize.call(result: &status, arguments: nil)
      if initialize.signature.returnType == .int, Int32(truncatingIfNeeded: status) != 0 {
        throw .foreignCallFailed(
          "ffi.initialize: \(initialize.signature.name) returned \(Int32(truncatingIfNeeded: status))"
        )
      }
    }
  }

  /// [loader-thread] Makes an instance with `parameters` (resolved against the manifest); the
  /// pointer is a retained `ForeignIndicator` for the synthesized vtable.
  func makeInstance(_ parameters: [ResolvedParameter]) throws(PluginCallError)
    -> UnsafeMutableRawPointer
  {
    let values = try argumentValues(parameters)
    let setArguments = { (block: ForeignArguments, first: Int, signature: CSignature) in
      for (offset, value) in values.enumerated() {
        let type = signature.parameters[first + offset].type
        switch value {
        case .int(let integer): block.set(first + offset, int: integer, as: type)
        case .double(let real): block.set(first + offset, double: real)
        }
      }
    }
    let lookback = try lookbackCount(values)
    let indicator: ForeignIndicator
    switch functions.form {
    case .array(let function, let declaredWindow):
      guard let window = declaredWindow ?? lookback.map({ $0 + 1 }) else {
        throw failure("create", "the array form needs `window` or `lookback`")
      }
      if let lookback, window < lookback + 1 {
        throw failure(
          "create",
          "ffi.window \(window) is shorter than the \(lookback + 1) inputs \(function.name) needs with these parameters (its lookback is \(lookback))"
        )
      }
      indicator = ForeignArrayIndicator(
        call: calls["function"]!, inputs: inputs, outputCount: outputCount, window: window,
        lookback: lookback, setArguments: { setArguments($0, $1, function) })
    case .streaming(let new, _, _, _):
      do throws(ForeignInstanceError) {
        indicator = try ForeignStreamingIndicator(
          new: calls["state_new"]!, update: calls["update"]!, value: calls["value"]!,
          free: calls["state_free"]!, inputs: inputs, outputCount: outputCount,
          lookback: lookback, setArguments: { block, first in setArguments(block, first, new) })
      } catch {
        throw failure("create", error.message)
      }
    }
    return Unmanaged.passRetained(indicator).toOpaque()
  }

  /// A scalar argument in the C type its parameter is passed as.
  private enum Argument {
    case int(Int64)
    case double(Double)
  }

  /// The declared arguments' values, each checked to fit the C type of the function's parameter.
  private func argumentValues(_ parameters: [ResolvedParameter]) throws(PluginCallError)
    -> [Argument]
  {
    let (signature, first): (CSignature, Int) =
      switch functions.form {
      case .array(let function, _): (function, 2 + functions.inputs.count)
      case .streaming(let new, _, _, _): (new, 0)
      }
    var values: [Argument] = []
    for (offset, name) in functions.arguments.enumerated() {
      guard let parameter = parameters.first(where: { $0.name == name }) else {
        throw failure("parameters", "argument \(name) has no value")
      }
      let type = signature.parameters[first + offset].type
      switch parameter.value {
      case .float(let real): values.append(.double(real))
      case .int(let integer):
        let fits =
          switch type {
          case .int: Int64(Int32.min)...Int64(Int32.max) ~= integer
          case .unsignedInt: 0...Int64(UInt32.max) ~= integer
          default: true
          }
        guard fits else {
          throw failure(
            "parameters",
            "parameter \(name) = \(integer) does not fit the C \(type.spelling) \(signature.name) takes"
          )
        }
        values.append(.int(integer))
      case .bool(let flag): values.append(.int(flag ? 1 : 0))
      case .choice: values.append(.int(Int64(parameter.choiceIndex ?? 0)))
      }
    }
    return values
  }

  /// The lookback the library reports for these arguments, if it declares a lookback function.
  private func lookbackCount(_ values: [Argument]) throws(PluginCallError) -> Int? {
    guard let call = calls["lookback"] else { return nil }
    let block = ForeignArguments(count: values.count)
    defer { block.deallocate() }
    for (index, value) in values.enumerated() {
      switch value {
      case .int(let integer): block.set(index, int: integer, as: call.signature.parameters[index].type)
      case .double(let real): block.set(index, double: real)
      }
    }
    var result: Int64 = 0
    call.call(result: &result, arguments: block.pointers)
    let lookback = Int(Int32(truncatingIfNeeded: result))
    guard lookback >= 0, lookback < 1_000_000 else {
      throw failure(
        "create",
        "\(call.signature.name) returned \(lookback) for these parameters (the library refuses them)"
      )
    }
    return lookback
  }

  private func failure(_ operation: String, _ message: String) -> PluginCallError {
    PluginCallError(
      plugin: plugin, operation: operation, status: th_status(TH_ERR_INVALID_ARGUMENT),
      message: message)
  }
}
