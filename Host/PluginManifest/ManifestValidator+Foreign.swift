import Yams

/// The `ffi:` section of an indicator manifest: the C functions of a library the host did not
/// build, checked against the form they must have, the manifest's parameters and its outputs.
/// Each mistake is reported at its key, naming the function.
extension ManifestValidator {
  static let foreignKeys = [
    "form", "inputs", "arguments", "function", "window", "lookback", "initialize", "state_new",
    "update", "value", "state_free",
  ]
  private static let arrayKeys = ["function", "window"]
  private static let streamingKeys = ["state_new", "update", "value", "state_free"]

  private enum FormName: String, CaseIterable {
    case array, streaming
  }

  /// Reads and checks `ffi`; nil after reporting every problem.
  mutating func foreignFunctions(
    _ entry: Entry, parameters: [ParameterSpec], outputs: [String], input: IndicatorInput
  ) -> ForeignFunctions? {
    guard case .mapping(let mapping) = entry.value else {
      mismatch(entry.value, path: "ffi", expected: "a mapping of the library's functions")
      return nil
    }
    let before = problems.count
    let keys = entries(of: mapping, path: "ffi", allowed: Self.foreignKeys)
    requireKeys(["form", "inputs"], in: keys, mapping: entry.value, path: "ffi")
    let form = keys["form"].flatMap { choice($0.value, path: "ffi.form", as: FormName.self) }
    let inputs = keys["inputs"].flatMap { foreignInputs($0.value, input: input) }
    let arguments = keys["arguments"].map { argumentNames($0.value, parameters: parameters) } ?? []
    var signatures: [String: (CSignature, Node)] = [:]
    for key in ["function", "lookback", "initialize"] + Self.streamingKeys {
      guard let declared = keys[key] else { continue }
      guard let text = string(declared.value, path: "ffi.\(key)") else { continue }
      switch CSignature.parse(text) {
      case .success(let signature): signatures[key] = (signature, declared.value)
      case .failure(let error): report(error.message, at: declared.value, path: "ffi.\(key)")
      }
    }
    let window = keys["window"].flatMap {
      integer(
        $0.value, path: "ffi.window", in: 1...1_000_000,
        expected: "an integer from 1 to 1000000 (inputs each call sees)"
      ).map { Int($0) }
    }
    if let form {
      let (own, other) =
        form == .array ? (Self.arrayKeys, Self.streamingKeys) : (Self.streamingKeys, Self.arrayKeys)
      for key in other {
        if let misplaced = keys[key] {
          report(
            "`\(key)` belongs to form \(form == .array ? "streaming" : "array"), not \(form.rawValue)",
            at: misplaced.key, path: "ffi")
        }
      }
      requireKeys(
        own.filter { $0 != "window" }, in: keys, mapping: entry.value, path: "ffi",
        note: " for form \(form.rawValue)")
      if form == .array, keys["window"] == nil, keys["lookback"] == nil {
        report(
          "the array form needs `lookback` (the library's lookback function) or `window` (how many inputs each call sees)",
          at: entry.value, path: "ffi")
      }
    }
    guard let form, let inputs, let arguments, problems.count == before else { return nil }
    let specs = arguments.map { name in parameters.first { $0.name == name }! }
    let checker = SignatureChecker(inputs: inputs.count, arguments: specs, outputs: outputs)
    for (key, (signature, node)) in signatures {
      for problem in checker.problems(key: key, signature) {
        report(problem, at: node, path: "ffi.\(key)")
      }
    }
    guard problems.count == before else { return nil }
    let calls: ForeignFunctions.Form
    switch form {
    case .array:
      calls = .array(function: signatures["function"]!.0, window: window)
    case .streaming:
      calls = .streaming(
        new: signatures["state_new"]!.0, update: signatures["update"]!.0,
        value: signatures["value"]!.0, free: signatures["state_free"]!.0)
    }
    return ForeignFunctions(
      form: calls, inputs: inputs, arguments: arguments, lookback: signatures["lookback"]?.0,
      initialize: signatures["initialize"]?.0)
  }

  /// `inputs`: distinct bar fields for `input: bar`, exactly `[value]` for `input: value`.
  private mutating func foreignInputs(_ node: Node, input: IndicatorInput)
    -> [ForeignFunctions.Input]?
  {
    guard case .sequence(let sequence) = node, !sequence.isEmpty else {
      mismatch(node, path: "ffi.inputs", expected: "a non-empty list such as [high, low, close]")
      return nil
    }
    guard let names = distinctStrings(sequence, path: "ffi.inputs", noun: "input") else {
      return nil
    }
    var inputs: [ForeignFunctions.Input] = []
    for (index, name) in names.enumerated() {
      let item = sequence[index]
      guard let value = ForeignFunctions.Input(rawValue: name) else {
        report(
          "expected one of open, high, low, close, volume, value, found \(found(item))", at: item,
          path: "ffi.inputs[\(index)]")
        continue
      }
      if input == .bar, value == .value {
        report(
          "`value` is the input of an `input: value` indicator; a bar indicator reads open, high, low, close or volume",
          at: item, path: "ffi.inputs[\(index)]")
        continue
      }
      inputs.append(value)
    }
    if input == .value, inputs.count == names.count, inputs != [.value] {
      report(
        "an `input: value` indicator has one input, [value]", at: node, path: "ffi.inputs")
      return nil
    }
    return inputs.count == names.count ? inputs : nil
  }

  /// `arguments`: distinct names of declared parameters.
  private mutating func argumentNames(_ node: Node, parameters: [ParameterSpec]) -> [String]? {
    guard case .sequence(let sequence) = node else {
      mismatch(node, path: "ffi.arguments", expected: "a list of parameter names")
      return nil
    }
    guard let names = distinctStrings(sequence, path: "ffi.arguments", noun: "argument") else {
      return nil
    }
    var valid = true
    for (index, name) in names.enumerated() where !parameters.contains(where: { $0.name == name }) {
      let declared = parameters.map(\.name)
      report(
        "no parameter is named \(Self.quote(name)) (declared: \(declared.isEmpty ? "none" : declared.joined(separator: ", ")))",
        at: sequence[index], path: "ffi.arguments[\(index)]")
      valid = false
    }
    return valid ? names : nil
  }
}

/// The shape each declared function must have, given the manifest's inputs, arguments and
/// outputs. Produces one sentence per mismatch, naming the function and the parameter.
struct SignatureChecker {
  let inputs: Int
  let arguments: [ParameterSpec]
  let outputs: [String]

  init(inputs: Int, arguments: [ParameterSpec], outputs: [String]) {
    self.inputs = inputs
    self.arguments = arguments
    self.outputs = outputs
  }

  /// One expected parameter: what it is for, and whether a type fits.
  private struct Slot {
    let role: String
    let expected: String
    let fits: (CType) -> Bool
  }

  func problems(key: String, _ signature: CSignature) -> [String] {
    switch key {
    case "function":
      return check(
        signature, returns: [.int], returnText: "int (0 for success)",
        slots: [
          Slot(role: "startIdx", expected: "int", fits: { $0 == .int }),
          Slot(role: "endIdx", expected: "int", fits: { $0 == .int }),
        ] + inputSlots(pointers: true) + argumentSlots()
          + [
            Slot(role: "outBegIdx", expected: "int *", fits: { $0 == .intPointer(isConst: false) }),
            Slot(
              role: "outNBElement", expected: "int *", fits: { $0 == .intPointer(isConst: false) }),
          ]
          + outputs.map { name in
            Slot(
              role: "output `\(name)`", expected: "double * or int *",
              fits: { $0 == .doublePointer(isConst: false) || $0 == .intPointer(isConst: false) })
          })
    case "lookback":
      return check(signature, returns: [.int], returnText: "int", slots: argumentSlots())
    case "initialize":
      return check(signature, returns: [.int, .void], returnText: "int or void", slots: [])
    case "state_new":
      return check(
        signature, returns: [.voidPointer(isConst: false)], returnText: "void *",
        slots: argumentSlots())
    case "update":
      return check(
        signature, returns: [.void, .int], returnText: "void or int (0 for success)",
        slots: [stateSlot(constAllowed: false)] + inputSlots(pointers: false))
    case "value":
      if signature.parameters.count == 1, outputs.count > 1 {
        return [
          "\(signature.name) takes only the state, but the indicator has \(outputs.count) outputs; declare `double \(signature.name)(const void *state, int output)`"
        ]
      }
      let index = Slot(role: "output", expected: "int", fits: { $0 == .int || $0 == .unsignedInt })
      return check(
        signature, returns: [.double], returnText: "double",
        slots: [stateSlot(constAllowed: true)] + (signature.parameters.count > 1 ? [index] : []))
    default:  // state_free
      return check(
        signature, returns: [.void], returnText: "void", slots: [stateSlot(constAllowed: false)])
    }
  }

  private func stateSlot(constAllowed: Bool) -> Slot {
    Slot(
      role: "state", expected: constAllowed ? "void * or const void *" : "void *",
      fits: { $0 == .voidPointer(isConst: false) || (constAllowed && $0 == .voidPointer(isConst: true)) })
  }

  private func inputSlots(pointers: Bool) -> [Slot] {
    (0..<inputs).map { index in
      pointers
        ? Slot(
          role: "input \(index + 1)", expected: "const double *",
          fits: { if case .doublePointer = $0 { true } else { false } })
        : Slot(role: "input \(index + 1)", expected: "double", fits: { $0 == .double })
    }
  }

  private func argumentSlots() -> [Slot] {
    arguments.map { spec in
      switch spec.type {
      case .int:
        Slot(
          role: "argument `\(spec.name)` (an int parameter)", expected: "int, unsigned int or long",
          fits: { $0.isInteger })
      case .float:
        Slot(
          role: "argument `\(spec.name)` (a float parameter)", expected: "double",
          fits: { $0 == .double })
      case .bool, .enum:
        Slot(
          role: "argument `\(spec.name)` (a \(spec.type.rawValue) parameter, passed as 0/1 or its choice's index)",
          expected: "int", fits: { $0 == .int || $0 == .unsignedInt || $0 == .long })
      }
    }
  }

  private func check(_ signature: CSignature, returns: [CType], returnText: String, slots: [Slot])
    -> [String]
  {
    var problems: [String] = []
    if !returns.contains(signature.returnType) {
      problems.append(
        "\(signature.name) returns \(signature.returnType.spelling), but must return \(returnText)")
    }
    guard signature.parameters.count == slots.count else {
      let roles = slots.map(\.role).joined(separator: ", ")
      problems.append(
        "\(signature.name) is declared with \(signature.parameters.count) parameter\(signature.parameters.count == 1 ? "" : "s"), but the manifest's inputs, arguments and outputs need \(slots.count)\(slots.isEmpty ? "" : ": \(roles)")"
      )
      return problems
    }
    for (index, slot) in slots.enumerated() where !slot.fits(signature.parameters[index].type) {
      problems.append(
        "\(signature.name)'s \(signature.describeParameter(index)) is \(signature.parameters[index].type.spelling), but \(slot.role) needs \(slot.expected)"
      )
    }
    return problems
  }
}
