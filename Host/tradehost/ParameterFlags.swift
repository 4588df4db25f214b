/// The `--param NAME=VALUE` flags of `backtest` and `run`.
enum ParameterFlags {
  /// The pairs in flag order, or the first flag that is not `NAME=VALUE` (the value may be empty
  /// and may itself contain `=`).
  static func parse(_ flags: [String]) -> Result<[(String, String)], PlanErrorText> {
    var parameters: [(String, String)] = []
    for pair in flags {
      guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
        return .failure(PlanErrorText(message: "--param '\(pair)' is not NAME=VALUE"))
      }
      parameters.append((String(pair[..<equals]), String(pair[pair.index(after: equals)...])))
    }
    return .success(parameters)
  }
}

/// A flag problem as one sentence.
struct PlanErrorText: Error {
  let message: String
}
