/// Why a kernel could not be built or a run could not start: one sentence naming the culprit.
public struct KernelError: Error, CustomStringConvertible, Sendable, Equatable {
  public let description: String

  public init(_ description: String) {
    self.description = description
  }
}
