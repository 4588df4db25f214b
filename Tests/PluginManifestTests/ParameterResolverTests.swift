import PluginManifest
import Testing

@Suite("ParameterResolver")
struct ParameterResolverTests {
  let specs = [
    ParameterSpec(
      name: "fast_period", type: .int, defaultValue: .int(10), min: 2, max: 500, step: 2),
    ParameterSpec(
      name: "threshold", type: .float, defaultValue: .float(0.25), min: 0.1, max: 1, step: 0.05),
    ParameterSpec(name: "allow_short", type: .bool, defaultValue: .bool(false)),
    ParameterSpec(
      name: "sizing", type: .enum, defaultValue: .choice("fixed"),
      choices: ["fixed", "percent", "kelly"]),
  ]

  private func resolve(_ overrides: [(name: String, value: String)]) throws(ParameterError)
    -> [ParameterValue]
  {
    try ParameterResolver.resolve(specs, overrides: overrides, plugin: "ema-cross").map(\.value)
  }

  private func problems(_ overrides: [(name: String, value: String)]) -> [String] {
    do {
      _ = try ParameterResolver.resolve(specs, overrides: overrides, plugin: "ema-cross")
      Issue.record("expected a ParameterError")
      return []
    } catch {
      #expect(error.plugin == "ema-cross")
      return error.problems
    }
  }

  @Test func defaultsInDeclarationOrder() throws {
    let resolved = try ParameterResolver.resolve(specs, overrides: [], plugin: "ema-cross")
    #expect(
      resolved == [
        ResolvedParameter(name: "fast_period", type: .int, value: .int(10)),
        ResolvedParameter(name: "threshold", type: .float, value: .float(0.25)),
        ResolvedParameter(name: "allow_short", type: .bool, value: .bool(false)),
        ResolvedParameter(name: "sizing", type: .enum, value: .choice("fixed"), choiceIndex: 0),
      ])
  }

  @Test func overridesOfEachType() throws {
    let values = try resolve([
      ("sizing", "kelly"), ("fast_period", "500"), ("allow_short", "true"), ("threshold", "0.85"),
    ])
    #expect(values == [.int(500), .float(0.85), .bool(true), .choice("kelly")])
    let resolved = try ParameterResolver.resolve(
      specs, overrides: [("sizing", "percent")], plugin: "p")
    #expect(resolved[3].choiceIndex == 1)
    #expect(
      try resolve([("fast_period", "+2"), ("threshold", "1"), ("allow_short", "FALSE")])
        == [.int(2), .float(1), .bool(false), .choice("fixed")])
  }

  @Test func floatStepToleratesRounding() throws {
    // 0.1 + 7 * 0.05 is not exactly 0.45 in binary; the relative tolerance accepts it.
    #expect(try resolve([("threshold", "0.45")])[1] == .float(0.45))
    #expect(
      problems([("threshold", "0.4500001")]) == [
        "parameter threshold = 0.4500001 is not min 0.1 plus a whole multiple of step 0.05"
      ])
  }

  @Test func outOfBounds() {
    #expect(
      problems([("fast_period", "1000")]) == ["parameter fast_period = 1000 is above max 500"])
    #expect(problems([("threshold", "0.05")]) == ["parameter threshold = 0.05 is below min 0.1"])
    #expect(
      problems([("fast_period", "-9223372036854775808")])
        == ["parameter fast_period = -9223372036854775808 is below min 2"])
  }

  @Test func offStep() {
    #expect(
      problems([("fast_period", "7")]) == [
        "parameter fast_period = 7 is not min 2 plus a whole multiple of step 2"
      ])
    let noMin = [ParameterSpec(name: "lots", type: .int, defaultValue: .int(0), step: 3)]
    #expect(throws: ParameterError.self) {
      try ParameterResolver.resolve(noMin, overrides: [("lots", "4")], plugin: "p")
    }
    #expect(throws: Never.self) {
      try ParameterResolver.resolve(noMin, overrides: [("lots", "-6")], plugin: "p")
    }
  }

  @Test func wrongType() {
    #expect(
      problems([("fast_period", "10.5")]) == [
        #"parameter fast_period expects an integer, got "10.5""#
      ])
    #expect(
      problems([("threshold", "nan")]) == [#"parameter threshold expects a number, got "nan""#])
    #expect(
      problems([("allow_short", "yes")]) == [
        #"parameter allow_short expects true or false, got "yes""#
      ])
    #expect(
      problems([("sizing", "Kelly")]) == [
        "parameter sizing = Kelly is not one of the choices fixed, percent, kelly"
      ])
    #expect(
      problems([("fast_period", "")]) == [#"parameter fast_period expects an integer, got """#])
  }

  @Test func unknownNameListsKnownOnes() {
    let known = "known parameters are fast_period, threshold, allow_short, sizing"
    #expect(problems([("slow_period", "3")]) == ["unknown parameter slow_period; \(known)"])
    #expect(throws: ParameterError.self) {
      try ParameterResolver.resolve([], overrides: [("x", "1")], plugin: "p")
    }
  }

  @Test func duplicateName() {
    #expect(
      problems([("fast_period", "4"), ("fast_period", "6")]) == [
        "parameter fast_period is given more than once"
      ])
  }

  @Test func allProblemsAtOnce() throws {
    let overrides: [(name: String, value: String)] = [
      ("fast_period", "1000"), ("bogus", "1"), ("threshold", "abc"), ("allow_short", "true"),
      ("allow_short", "false"),
    ]
    do {
      _ = try ParameterResolver.resolve(specs, overrides: overrides, plugin: "ema-cross")
      Issue.record("expected a ParameterError")
    } catch {
      #expect(error.problems.count == 4)
      let known = "known parameters are fast_period, threshold, allow_short, sizing"
      #expect(
        error.description == """
          ema-cross: parameter fast_period = 1000 is above max 500
          ema-cross: unknown parameter bogus; \(known)
          ema-cross: parameter threshold expects a number, got "abc"
          ema-cross: parameter allow_short is given more than once
          """)
    }
  }

  @Test func specsFromAManifestResolve() throws {
    let manifest = try #require(Fixtures.good("strategy.yaml"))
    let resolved = try ParameterResolver.resolve(
      manifest.parameters, overrides: [("threshold", "0.35"), ("sizing", "kelly")],
      plugin: manifest.id)
    #expect(
      resolved.map(\.value) == [.int(10), .int(30), .float(0.35), .bool(false), .choice("kelly")])
    #expect(resolved.map(\.choiceIndex) == [nil, nil, nil, nil, 2])
  }

  @Test func valueDescriptions() {
    #expect(ParameterValue.int(-3).description == "-3")
    #expect(ParameterValue.float(0.25).description == "0.25")
    #expect(ParameterValue.bool(true).description == "true")
    #expect(ParameterValue.choice("kelly").description == "kelly")
  }
}
