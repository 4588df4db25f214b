/// A C function prototype as a manifest writes it in its `ffi:` section, such as
/// `int fx_sma(int startIdx, int endIdx, const double *inReal, int period, int *outBegIdx,
/// int *outNBElement, double *outReal)`: the symbol, its return type and its parameters.
///
/// Only the types of `CType` are understood (no structs, no function pointers, no variadic
/// functions); `name[]` reads as a pointer, as in a C parameter list; `(void)` is no parameter.
/// A type the host does not know (a library's typedef such as `TA_RetCode`) is refused by name,
/// so the manifest spells the C type it stands for.
public struct CSignature: Sendable, Equatable {
  /// The function's symbol.
  public let name: String
  public let returnType: CType
  public let parameters: [CParameter]

  public init(name: String, returnType: CType, parameters: [CParameter]) {
    self.name = name
    self.returnType = returnType
    self.parameters = parameters
  }

  /// The prototype in one canonical spelling, for messages.
  public var description: String {
    let list = parameters.map { parameter in
      let type = parameter.type.spelling
      guard let name = parameter.name else { return type }
      return type.hasSuffix("*") ? type + name : type + " " + name
    }
    let returned = returnType.spelling
    let head = returned.hasSuffix("*") ? returned + name : returned + " " + name
    return "\(head)(\(list.isEmpty ? "void" : list.joined(separator: ", ")))"
  }

  /// Parameter `index` (0-based) as a message names it: `parameter 3 (inReal)`.
  public func describeParameter(_ index: Int) -> String {
    let name = parameters[index].name.map { " (\($0))" } ?? ""
    return "parameter \(index + 1)\(name)"
  }

  /// Parses a prototype; the error is one sentence saying what is wrong.
  public static func parse(_ text: String) -> Result<CSignature, CSignatureError> {
    var tokens = CTokenizer.tokens(text)
    if tokens.last == .punctuation(";") { tokens.removeLast() }
    guard let open = tokens.firstIndex(of: .punctuation("(")) else {
      return .failure(CSignatureError("expected a C prototype such as `int f(int a, double *b)`"))
    }
    guard tokens.last == .punctuation(")") else {
      return .failure(CSignatureError("the prototype must end with `)`"))
    }
    if let bad = tokens.first(where: { if case .invalid = $0 { true } else { false } }),
      case .invalid(let character) = bad
    {
      return .failure(CSignatureError("unexpected character \(character.debugDescription)"))
    }
    let head = Array(tokens[..<open])
    let inner = Array(tokens[(open + 1)..<(tokens.count - 1)])
    guard let nameToken = head.last, case .word(let name) = nameToken, head.count >= 2 else {
      return .failure(CSignatureError("expected a return type and a function name before `(`"))
    }
    let returnType: CType
    switch CDeclaration.type(of: Array(head.dropLast()), allowVoid: true) {
    case .success(let type): returnType = type
    case .failure(let error): return .failure(error.within("the return type"))
    }
    var parameters: [CParameter] = []
    if inner == [.word("void")] || inner.isEmpty {
      return .success(CSignature(name: name, returnType: returnType, parameters: []))
    }
    let groups = inner.split(separator: .punctuation(","), omittingEmptySubsequences: false)
    for (index, group) in groups.enumerated() {
      switch CDeclaration.parameter(Array(group)) {
      case .success(let parameter): parameters.append(parameter)
      case .failure(let error): return .failure(error.within("parameter \(index + 1)"))
      }
    }
    return .success(CSignature(name: name, returnType: returnType, parameters: parameters))
  }
}

/// Why a prototype did not parse.
public struct CSignatureError: Error, Sendable, Equatable {
  public let message: String

  init(_ message: String) { self.message = message }

  /// The message with a place in front: "parameter 2: ...".
  func within(_ place: String) -> CSignatureError { CSignatureError("\(place): \(message)") }
}

/// The tokens of a prototype.
enum CToken: Equatable {
  case word(String)
  case punctuation(Character)
  case invalid(Character)
}

enum CTokenizer {
  static func tokens(_ text: String) -> [CToken] {
    var tokens: [CToken] = []
    var word = ""
    func flush() {
      if !word.isEmpty { tokens.append(.word(word)) }
      word = ""
    }
    for character in text {
      if character.isASCII, character.isLetter || character.isNumber || character == "_" {
        word.append(character)
        continue
      }
      flush()
      if character.isWhitespace { continue }
      if "()*,[];".contains(character) {
        tokens.append(.punctuation(character))
      } else {
        tokens.append(.invalid(character))
      }
    }
    flush()
    return tokens
  }
}

/// Declarations inside a prototype: a type, optionally a name, optionally `[]`.
enum CDeclaration {
  static func parameter(_ tokens: [CToken]) -> Result<CParameter, CSignatureError> {
    var tokens = tokens
    var isArray = false
    if tokens.suffix(2) == [.punctuation("["), .punctuation("]")] {
      tokens.removeLast(2)
      isArray = true
    }
    guard !tokens.isEmpty else { return .failure(CSignatureError("missing type")) }
    var name: String?
    // The last word names the parameter unless it is part of the type.
    if case .word(let last) = tokens.last!, tokens.count >= 2, !typeWords.contains(last) {
      name = last
      tokens.removeLast()
    }
    if isArray { tokens.append(.punctuation("*")) }
    return type(of: tokens, allowVoid: false).map { CParameter(type: $0, name: name) }
  }

  /// Words that belong to a type.
  static let typeWords: Set<String> = [
    "const", "void", "int", "signed", "unsigned", "long", "double", "int32_t", "uint32_t", "int64_t",
  ]

  static func type(of tokens: [CToken], allowVoid: Bool) -> Result<CType, CSignatureError> {
    var words: [String] = []
    var stars = 0
    var isConst = false
    for token in tokens {
      switch token {
      case .word("const"): isConst = true
      case .word(let word):
        guard stars == 0 else {
          return .failure(CSignatureError("unexpected `\(word)` after `*`"))
        }
        guard typeWords.contains(word) else {
          return .failure(
            CSignatureError(
              "unknown type `\(word)`; write the C type it stands for (void, int, unsigned int, long, double, or a pointer to double, int or void)"
            ))
        }
        words.append(word)
      case .punctuation("*"): stars += 1
      case .punctuation(let mark): return .failure(CSignatureError("unexpected `\(mark)`"))
      case .invalid(let character):
        return .failure(CSignatureError("unexpected character \(character.debugDescription)"))
      }
    }
    let base: CType
    switch words {
    case ["void"]: base = .void
    case ["int"], ["int32_t"], ["signed"], ["signed", "int"]: base = .int
    case ["unsigned"], ["unsigned", "int"], ["uint32_t"]: base = .unsignedInt
    case ["long"], ["long", "int"], ["long", "long"], ["long", "long", "int"], ["int64_t"]:
      base = .long
    case ["double"]: base = .double
    case []: return .failure(CSignatureError("missing type"))
    default:
      return .failure(CSignatureError("unsupported type `\(words.joined(separator: " "))`"))
    }
    switch stars {
    case 0:
      if base == .void, !allowVoid { return .failure(CSignatureError("`void` is not a parameter type")) }
      return .success(base)
    case 1:
      switch base {
      case .double: return .success(.doublePointer(isConst: isConst))
      case .int: return .success(.intPointer(isConst: isConst))
      case .void: return .success(.voidPointer(isConst: isConst))
      default:
        return .failure(
          CSignatureError("pointers to `\(base.spelling)` are not supported (double, int or void)"))
      }
    default:
      return .failure(CSignatureError("pointers to pointers are not supported"))
    }
  }
}
