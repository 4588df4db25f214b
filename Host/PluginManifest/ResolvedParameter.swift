/// A parameter's final value for one plugin instance: the user's override or the default.
public struct ResolvedParameter: Sendable, Hashable {
  public let name: String
  public let type: ParameterType
  public let value: ParameterValue
  /// For an `enum` parameter, the index of `value` in the spec's `choices`; nil otherwise.
  public let choiceIndex: Int?

  public init(name: String, type: ParameterType, value: ParameterValue, choiceIndex: Int? = nil) {
    self.name = name
    self.type = type
    self.value = value
    self.choiceIndex = choiceIndex
  }
}
