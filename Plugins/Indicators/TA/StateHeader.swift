import PluginKit

/// The parameters an indicator writes at the head of its state, checked on import so a state is
/// never read into an instance configured differently (a hot reload with changed parameters warms
/// up by replay instead).
struct StateHeader {
  let id: String
  let parameters: [Double]

  func write(into writer: inout StateWriter) {
    writer.write(parameters)
  }

  /// Reads the header and refuses another version or other parameters.
  func check(from reader: inout StateReader, version: UInt32) throws {
    guard version == 1 else {
      throw PluginError.stateVersion("\(id) reads state version 1, got \(version)")
    }
    let stored = try reader.readDoubles(maxCount: 16)
    guard stored.map(\.bitPattern) == parameters.map(\.bitPattern) else {
      throw PluginError.invalidArgument(
        "\(id): state is for parameters \(stored), this instance has \(parameters)")
    }
  }
}

extension PluginParameters {
  /// An integer parameter at least `minimum`.
  func int(_ name: String, atLeast minimum: Int) throws -> Int {
    let value = try int(name)
    guard value >= minimum else {
      throw PluginError.invalidArgument("\(name) must be at least \(minimum), got \(value)")
    }
    return value
  }
}
