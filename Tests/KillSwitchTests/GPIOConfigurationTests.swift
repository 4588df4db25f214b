import KillSwitch
import Testing

@Suite("GPIOConfiguration: defaults and strict validation")
struct GPIOConfigurationTests {
  @Test func defaultsMatchTheDocumentedRaspberryPiWiring() throws {
    let configuration = GPIOConfiguration()
    #expect(configuration.chip == "gpiochip0")
    #expect(configuration.buttonLine == 17)
    #expect(configuration.buttonEdge == .falling)
    #expect(configuration.debounce == .milliseconds(50))
    #expect(configuration.buttonBias == .pullUp)
    #expect(
      [configuration.greenLine, configuration.yellowLine, configuration.redLine] == [22, 23, 24])
    #expect(configuration.ledsActiveLow == false)
    #expect(configuration.consumer == "tradehost")
    try configuration.validate()
  }

  @Test func everyProblemIsReportedAtOnceInFieldOrder() {
    var configuration = GPIOConfiguration()
    configuration.chip = "dev/gpiochip0"
    configuration.greenLine = 17
    configuration.redLine = 23
    configuration.buttonBias = .pullDown
    configuration.debounce = .seconds(2)
    configuration.consumer = String(repeating: "x", count: 40)
    #expect(throws: GPIOConfigurationError.self) { try configuration.validate() }
    let problems = configuration.problems
    #expect(
      problems.map(\.field) == [
        "chip", "greenLine", "redLine", "buttonEdge", "debounce", "consumer",
      ])
    #expect(problems[1].message == "line 17 is already used as buttonLine")
    #expect(problems[2].message == "line 23 is already used as yellowLine")
    #expect(problems[3].message.contains("fires when the button is released"))
    #expect(problems[5].message.contains("40 bytes"))
    let error = GPIOConfigurationError(problems)
    #expect(error.description.split(separator: "\n").count == 6)
    #expect(error.description.hasPrefix("gpio.chip: 'dev/gpiochip0' is neither"))
  }

  @Test func aRisingEdgeNeedsAPullDownOrNoInternalBias() {
    var configuration = GPIOConfiguration(buttonEdge: .rising)
    #expect(configuration.problems.map(\.field) == ["buttonEdge"])
    configuration.buttonBias = .pullDown
    #expect(configuration.problems.isEmpty)
    configuration.buttonBias = .asIs
    #expect(configuration.problems.isEmpty)
  }

  @Test func chipAndConsumerMustBeUsableByTheKernel() {
    let cases: [(GPIOConfiguration, String)] = [
      (GPIOConfiguration(chip: ""), "chip"),
      (GPIOConfiguration(chip: "gpio\u{0}chip0"), "chip"),
      (GPIOConfiguration(consumer: ""), "consumer"),
      (GPIOConfiguration(consumer: "trade\thost"), "consumer"),
      (GPIOConfiguration(consumer: "tradehøst"), "consumer"),
      (GPIOConfiguration(debounce: .milliseconds(-1)), "debounce"),
    ]
    for (configuration, field) in cases {
      #expect(configuration.problems.map(\.field) == [field], "\(configuration)")
    }
    #expect(GPIOConfiguration(chip: "/dev/gpiochip4").problems.isEmpty)
    #expect(GPIOConfiguration(debounce: .zero).problems.isEmpty)
    #expect(GPIOConfiguration(debounce: .seconds(1)).problems.isEmpty)
    #expect(GPIOConfiguration(consumer: String(repeating: "x", count: 31)).problems.isEmpty)
  }
}
