import CTradeHostPlugin
import HostTestKit
import PluginHost
import Testing

/// The `logistic-regression` model: learns a linearly separable set online, and its weights
/// survive export and import.
@Suite struct LogisticModelTests {
  let registry: PluginRegistry
  let environment = RecordingEnvironment()

  init() throws {
    registry = try TestPlugins.registry()
  }

  /// Points in [-1, 1]^3 labelled by the plane `x0 + 2 x1 - x2 = 0.3`, keeping a margin of
  /// 0.05 so the set is separable; deterministic (a fixed linear congruential sequence).
  static func toySet(count: Int, seed: UInt64) -> [(features: [Double], label: Double)] {
    var state = seed
    func uniform() -> Double {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Double(state >> 11) / Double(1 << 53) * 2 - 1
    }
    var examples: [(features: [Double], label: Double)] = []
    while examples.count < count {
      let x = [uniform(), uniform(), uniform()]
      let side = x[0] + 2 * x[1] - x[2] - 0.3
      guard abs(side) > 0.05 else { continue }
      examples.append((x, side > 0 ? 1 : 0))
    }
    return examples
  }

  private func makeModel() throws -> ModelInstance {
    try registry.makeModel(
      "logistic-regression",
      parameters: [("features", "3"), ("learning_rate", "0.5"), ("l2", "0")],
      environment: environment)
  }

  private func accuracy(_ model: ModelInstance, _ set: [(features: [Double], label: Double)]) throws
    -> Double
  {
    var correct = 0
    for example in set {
      let p = try model.predict(example.features)
      #expect(p >= 0 && p <= 1)
      if (p >= 0.5 ? 1.0 : 0.0) == example.label { correct += 1 }
    }
    return Double(correct) / Double(set.count)
  }

  @Test("learns a linearly separable set")
  func learnsSeparableSet() throws {
    let model = try makeModel()
    #expect(model.predictsProbability)
    #expect(model.featureCount == 3)
    #expect(try model.predict([0.3, -0.2, 0.9]) == 0.5)  // zero weights

    let training = Self.toySet(count: 400, seed: 1)
    let held = Self.toySet(count: 400, seed: 2)
    let before = try accuracy(model, held)
    for _ in 0..<30 {
      for example in training { try model.learn(example.features, label: example.label) }
    }
    #expect(try accuracy(model, training) > 0.95)
    let after = try accuracy(model, held)
    #expect(after > 0.95)
    #expect(after > before)
  }

  @Test("weights round-trip through export and import")
  func weightsRoundTrip() throws {
    let trained = try makeModel()
    for example in Self.toySet(count: 300, seed: 3) {
      try trained.learn(example.features, label: example.label)
    }
    let state = try trained.exportState()
    #expect(state.version == 1)

    let copy = try makeModel()
    try copy.importState(version: state.version, bytes: state.bytes)
    for example in Self.toySet(count: 50, seed: 4) {
      #expect(try copy.predict(example.features) == trained.predict(example.features))
    }
    // And they keep learning the same way.
    for example in Self.toySet(count: 50, seed: 5) {
      try trained.learn(example.features, label: example.label)
      try copy.learn(example.features, label: example.label)
    }
    #expect(try copy.exportState().bytes == trained.exportState().bytes)

    let wider = try registry.makeModel(
      "logistic-regression", parameters: [("features", "4")], environment: environment)
    #expect(throws: PluginCallError.self) {
      try wider.importState(version: state.version, bytes: state.bytes)
    }
    let future = #expect(throws: PluginCallError.self) {
      try copy.importState(version: 2, bytes: state.bytes)
    }
    #expect(future?.status == th_status(TH_ERR_STATE_VERSION))
  }

  @Test("bad input is refused with an error, not a crash")
  func refusesBadInput() throws {
    let model = try makeModel()
    let short = #expect(throws: PluginCallError.self) { try model.predict([1, 2]) }
    #expect(short?.status == th_status(TH_ERR_INVALID_ARGUMENT))
    #expect(throws: PluginCallError.self) { try model.learn([1, 2, 3], label: 2) }
    #expect(throws: PluginCallError.self) { try model.learn([1, .nan, 3], label: 1) }
    #expect(throws: PluginCallError.self) { try model.learn([1, 2, 3], label: 1, weight: -1) }
    // Nothing was learnt from the refused examples.
    #expect(try model.predict([1, 2, 3]) == 0.5)
  }
}
