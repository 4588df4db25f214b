import PluginKit

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Online logistic regression: `p = sigmoid(w . x + b)`, one SGD step per labelled example.
///
/// `learn(x, label: y, weight: s)` takes a step down the gradient of the weighted log loss plus
/// an L2 penalty on the weights (not on the bias):
/// `g = s * (p - y)`, `w -= learning_rate * (g * x + l2 * w)`, `b -= learning_rate * g`.
/// Labels are probabilities of the positive class: 0 and 1 for hard labels, anything in [0, 1]
/// for soft ones. Weights start at zero, so an untrained model predicts 0.5.
///
/// State (version 1): the feature count, the bias, the weights and the number of steps taken.
public final class LogisticModel: ModelPlugin {
  public static var output: ModelOutputKind { .probability }
  public static var learnsOnline: Bool { true }
  public static var stateVersion: UInt32 { 1 }

  public let featureCount: Int
  private let learningRate: Double
  private let l2: Double
  private var weights: [Double]
  private var bias = 0.0
  private var steps = 0

  public init(host: HostContext, parameters: PluginParameters) throws {
    featureCount = try parameters.int("features")
    learningRate = try parameters.double("learning_rate")
    l2 = try parameters.double("l2")
    guard featureCount >= 1 else {
      throw PluginError.invalidArgument("features must be at least 1, got \(featureCount)")
    }
    guard learningRate > 0, learningRate.isFinite else {
      throw PluginError.invalidArgument("learning_rate must be a positive number")
    }
    guard l2 >= 0, l2.isFinite else {
      throw PluginError.invalidArgument("l2 must be zero or a positive number")
    }
    weights = Array(repeating: 0, count: featureCount)
  }

  public func predict(_ features: UnsafeBufferPointer<Double>) throws -> Double {
    sigmoid(score(features))
  }

  public func learn(_ features: UnsafeBufferPointer<Double>, label: Double, weight: Double) throws {
    guard label >= 0, label <= 1 else {
      throw PluginError.invalidArgument("label must be in [0, 1], got \(label)")
    }
    guard weight >= 0, weight.isFinite else {
      throw PluginError.invalidArgument("weight must be a finite number >= 0, got \(weight)")
    }
    for index in 0..<featureCount where !features[index].isFinite {
      throw PluginError.invalidArgument("feature \(index) is not finite")
    }
    let gradient = weight * (sigmoid(score(features)) - label)
    let decay = 1 - learningRate * l2
    weights.withUnsafeMutableBufferPointer { w in
      for index in 0..<featureCount {
        w[index] = w[index] * decay - learningRate * gradient * features[index]
      }
    }
    bias -= learningRate * gradient
    steps += 1
  }

  /// `w . x + b`.
  private func score(_ features: UnsafeBufferPointer<Double>) -> Double {
    weights.withUnsafeBufferPointer { w in
      var sum = bias
      for index in 0..<featureCount { sum += w[index] * features[index] }
      return sum
    }
  }

  /// The logistic function, evaluated without overflow for large |z|.
  private func sigmoid(_ z: Double) -> Double {
    if z >= 0 { return 1 / (1 + exp(-z)) }
    let e = exp(z)
    return e / (1 + e)
  }

  public func exportState(into writer: inout StateWriter) throws {
    writer.write(featureCount)
    writer.write(bias)
    writer.write(weights)
    writer.write(steps)
  }

  public func importState(from reader: inout StateReader, version: UInt32) throws {
    guard version == Self.stateVersion else {
      throw PluginError.stateVersion("logistic-regression reads state version 1, got \(version)")
    }
    let count = try reader.readInt()
    guard count == featureCount else {
      throw PluginError.invalidArgument(
        "state has \(count) features, this instance has \(featureCount)")
    }
    let stateBias = try reader.readDouble()
    let stateWeights = try reader.readDoubles(maxCount: featureCount)
    let stateSteps = try reader.readInt()
    try reader.finish()
    guard stateWeights.count == featureCount, stateBias.isFinite,
      stateWeights.allSatisfy(\.isFinite)
    else {
      throw PluginError.invalidArgument("state holds a bad weight vector")
    }
    bias = stateBias
    weights = stateWeights
    steps = stateSteps
  }
}

@_cdecl("tradehost_plugin_entry")
public func tradehostPluginEntry() -> UnsafeRawPointer {
  PluginExport.model(LogisticModel.self, id: "logistic-regression", version: "1.0.0")
}
