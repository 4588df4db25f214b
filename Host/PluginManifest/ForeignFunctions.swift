/// An indicator whose code is a C library the host did not build, called through libffi: the
/// functions a manifest's `ffi:` section declares, already checked against the form they must
/// have and against the manifest's parameters and outputs (docs/indicators.md, "C libraries
/// through libffi").
public struct ForeignFunctions: Sendable {
  /// Which bar field feeds each input array or argument.
  public enum Input: String, Sendable, CaseIterable {
    case open, high, low, close, volume
    /// The value of an `input: value` indicator (a bar's close when it is fed a bar).
    case value
  }

  /// How the library computes.
  public enum Form: Sendable {
    /// TA-Lib's array form, `int f(int startIdx, int endIdx, const double *in..., args...,
    /// int *outBegIdx, int *outNBElement, double|int *out...)`, called on the last `window`
    /// inputs at every update (`window` nil: the lookback plus one).
    case array(function: CSignature, window: Int?)
    /// A streaming form: `void *new(args...)`, `update(void *, double...)` (returning void or
    /// int, non-zero for a failure), `double value(const void *[, int output])`,
    /// `void free(void *)`.
    case streaming(new: CSignature, update: CSignature, value: CSignature, free: CSignature)
  }

  public let form: Form
  /// The inputs, in the order the functions take them.
  public let inputs: [Input]
  /// The manifest parameters passed as the functions' scalar arguments, in order.
  public let arguments: [String]
  /// `int f(args...)`: inputs consumed before the first output (TA-Lib's `_Lookback`), if
  /// declared. The indicator is ready after `lookback + 1` inputs.
  public let lookback: CSignature?
  /// `int f(void)` or `void f(void)`, called once after the library is opened (TA-Lib's
  /// `TA_Initialize`); a non-zero return refuses the load.
  public let initialize: CSignature?

  public init(
    form: Form, inputs: [Input], arguments: [String], lookback: CSignature? = nil,
    initialize: CSignature? = nil
  ) {
    self.form = form
    self.inputs = inputs
    self.arguments = arguments
    self.lookback = lookback
    self.initialize = initialize
  }

  /// Every declared function, each with the `ffi` key that declares it.
  public var functions: [(key: String, signature: CSignature)] {
    var list: [(String, CSignature)] = []
    if let initialize { list.append(("initialize", initialize)) }
    switch form {
    case .array(let function, _): list.append(("function", function))
    case .streaming(let new, let update, let value, let free):
      list += [("state_new", new), ("update", update), ("value", value), ("state_free", free)]
    }
    if let lookback { list.append(("lookback", lookback)) }
    return list
  }
}
