import Foundation
import PluginManifest
import Testing

/// The `ffi:` section of an indicator manifest: C prototypes, the forms they must have, and the
/// manifest's parameters and outputs they must agree with (docs/indicators.md).
@Suite("Foreign functions (ffi)")
struct ForeignManifestTests {
  /// An indicator (lines 1-9) with a `period` int and a `width` float parameter, then `ffi`.
  func indicator(_ ffi: String, input: String = "value", outputs: String = "[value]") -> String {
    """
    id: sample
    kind: indicator
    version: 1.0.0
    abi: 1.0
    library: libsample.so
    description: A sample.
    input: \(input)
    outputs: \(outputs)
    parameters: {period: {type: int, default: 10}, width: {type: float, default: 2}}
    ffi:

    """ + ffi
  }

  let sma = """
      form: array
      inputs: [value]
      arguments: [period]
      function: int f(int s, int e, const double in[], int p, int *b, int *n, double out[])
      lookback: int f_lookback(int p)
    """

  @Test func aGoodArrayDeclarationParses() throws {
    let manifest = try ManifestParser.parse(indicator(sma), file: "m.yaml").get()
    let foreign = try #require(manifest.foreign)
    #expect(foreign.inputs == [.value])
    #expect(foreign.arguments == ["period"])
    guard case .array(let function, let window) = foreign.form else {
      Issue.record("not the array form")
      return
    }
    #expect(window == nil)
    #expect(function.name == "f")
    #expect(function.parameters.map(\.type) == [
      .int, .int, .doublePointer(isConst: true), .int, .intPointer(isConst: false),
      .intPointer(isConst: false), .doublePointer(isConst: false),
    ])
    #expect(foreign.lookback?.name == "f_lookback")
    #expect(foreign.functions.map(\.key) == ["function", "lookback"])
  }

  @Test func aGoodStreamingDeclarationParses() throws {
    let text = indicator(
      """
        form: streaming
        inputs: [high, low]
        arguments: [period, width]
        state_new: void *n(long period, double width)
        update: int u(void *s, double h, double l)
        value: double v(const void *s, int output)
        state_free: void f(void *s)
      """, input: "bar", outputs: "[a, b]")
    let manifest = try ManifestParser.parse(text, file: "m.yaml").get()
    let foreign = try #require(manifest.foreign)
    #expect(foreign.inputs == [.high, .low])
    #expect(foreign.functions.map(\.key) == ["state_new", "update", "value", "state_free"])
  }

  @Test func shapeMismatchesNameTheFunctionAndParameter() {
    let problems = Fixtures.problems(
      text: indicator(
        """
          form: array
          inputs: [value]
          arguments: [period, width]
          function: long f(int s, int e, const double *in, int p, int w, int *b, int *n, double *o)
          window: 20
        """))
    expectProblem(
      problems, line: 14, column: 13, "ffi.function: f returns long, but must return int (0 for success)")
    expectProblem(
      problems, line: 14,
      "ffi.function: f's parameter 5 (w) is int, but argument `width` (a float parameter) needs double")
  }

  @Test func arityIsCheckedAgainstInputsArgumentsAndOutputs() {
    let problems = Fixtures.problems(
      text: indicator(
        """
          form: array
          inputs: [value]
          arguments: [period]
          function: int f(int s, int e, const double *in, int p, int *b, int *n, double *o)
          window: 20
        """, outputs: "[a, b]"))
    expectProblem(
      problems, line: 14,
      "ffi.function: f is declared with 7 parameters, but the manifest's inputs, arguments and outputs need 8")
  }

  @Test func prototypesThatDoNotParse() {
    let problems = Fixtures.problems(
      text: indicator(
        """
          form: streaming
          inputs: [value]
          state_new: void **n(void)
          update: void u(void *s, struct bar b)
          value: double v(const void *s
          state_free: free
        """))
    expectProblem(problems, line: 13, "ffi.state_new: the return type: pointers to pointers are not supported")
    expectProblem(problems, line: 14, "ffi.update: parameter 2: unknown type `struct`")
    expectProblem(problems, line: 15, "ffi.value: the prototype must end with `)`")
    expectProblem(problems, line: 16, "ffi.state_free: expected a C prototype")
  }

  @Test func keysInputsAndArguments() {
    let problems = Fixtures.problems(
      text: indicator(
        """
          form: array
          inputs: [value, close]
          arguments: [period, size]
          update: void u(void *s, double v)
        """, input: "value"))
    expectProblem(problems, line: 11, column: 3, "ffi: missing required key `function` for form array")
    expectProblem(problems, line: 11, column: 3, "ffi: the array form needs `lookback`")
    expectProblem(problems, line: 12, "ffi.inputs: an `input: value` indicator has one input, [value]")
    expectProblem(
      problems, line: 13, column: 23,
      #"ffi.arguments[1]: no parameter is named "size" (declared: period, width)"#)
    expectProblem(problems, line: 14, column: 3, "ffi: `update` belongs to form streaming, not array")
  }

  @Test func barInputsAndOtherKinds() {
    let bar = Fixtures.problems(
      text: indicator(
        """
          form: streaming
          inputs: [value, bid]
          state_new: void *n(void)
          update: void u(void *s, double a, double b)
          value: double v(const void *s)
          state_free: void f(void *s)
        """, input: "bar"))
    expectProblem(bar, line: 12, column: 12, "ffi.inputs[0]: `value` is the input of an `input: value` indicator")
    expectProblem(bar, line: 12, column: 19, #"ffi.inputs[1]: expected one of open, high, low, close, volume, value, found "bid""#)
    let strategy = Fixtures.problems(text: strategyText("ffi: {form: array}\n"))
    expectProblem(strategy, line: 7, column: 1, "`ffi` is only allowed for kind indicator")
  }

  @Test func entryAndStateVersionHaveNoMeaningWithFFI() {
    let text = indicator(sma).replacingOccurrences(
      of: "description: A sample.\n",
      with: "description: A sample.\nentry: my_entry\nstate_version: 2\n")
    let problems = Fixtures.problems(text: text)
    expectProblem(problems, line: 7, column: 1, "`entry` has no meaning for a library called through `ffi`")
    expectProblem(problems, line: 8, column: 16, "state_version: a library called through `ffi` exports no state")
  }

  @Test func multipleOutputsNeedAnIndexedValueFunction() {
    let problems = Fixtures.problems(
      text: indicator(
        """
          form: streaming
          inputs: [value]
          state_new: void *n(void)
          update: void u(const void *s, double v)
          value: double v(const void *s)
          state_free: void f(void *s)
        """, outputs: "[a, b]"))
    expectProblem(
      problems, line: 14,
      "ffi.update: u's parameter 1 (s) is const void *, but state needs void *")
    expectProblem(
      problems, line: 15,
      "ffi.value: v takes only the state, but the indicator has 2 outputs; declare `double v(const void *state, int output)`")
  }

  @Test func prototypeSpellings() throws {
    let parsed = try CSignature.parse(
      "unsigned int f(const double x[], long long n, int32_t *o, unsigned, void *);").get()
    #expect(parsed.returnType == .unsignedInt)
    #expect(parsed.parameters.map(\.type) == [
      .doublePointer(isConst: true), .long, .intPointer(isConst: false), .unsignedInt,
      .voidPointer(isConst: false),
    ])
    #expect(parsed.parameters.map(\.name) == ["x", "n", "o", nil, nil])
    #expect(parsed.description == "unsigned int f(const double *x, long n, int *o, unsigned int, void *)")
    #expect(try CSignature.parse("int g(void)").get().parameters.isEmpty)
    #expect(throws: CSignatureError.self) { try CSignature.parse("int g(float x)").get() }
    #expect(throws: CSignatureError.self) { try CSignature.parse("int g(void x)").get() }
    #expect(throws: CSignatureError.self) { try CSignature.parse("int (int x)").get() }
    #expect(throws: CSignatureError.self) { try CSignature.parse("int g(int x) {").get() }
  }
}
