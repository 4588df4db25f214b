/// Where the kill button and the status LEDs are wired and how they behave. Plain data: build
/// it with the defaults (a Raspberry Pi wired as in `docs/`), change fields, and call
/// `validate()`; `KillButton.start()` and `StatusLights.init` validate it again.
///
/// Line numbers are offsets on `chip`. On a Raspberry Pi's `gpiochip0` the offset is the BCM
/// GPIO number (BCM 17 is header pin 11), not the header pin number.
public struct GPIOConfiguration: Sendable, Hashable {
  /// The GPIO chip: a name under `/dev` ("gpiochip0") or an absolute path
  /// ("/dev/gpiochip0").
  public var chip: String
  /// The kill button's input line (BCM 17 by default).
  public var buttonLine: UInt32
  /// The edge that is a press: `falling` for a button to ground with a pull-up.
  public var buttonEdge: GPIOEdge
  /// Edges closer than this to the last accepted edge are contact bounce and ignored
  /// (0 to 1 s).
  public var debounce: Duration
  /// The button line's internal resistor.
  public var buttonBias: GPIOBias
  /// The green LED's output line (BCM 22): lit while trading is active.
  public var greenLine: UInt32
  /// The yellow LED's output line (BCM 23): lit while trading is reducing or paused.
  public var yellowLine: UInt32
  /// The red LED's output line (BCM 24): lit while trading is halted.
  public var redLine: UInt32
  /// Whether an LED is lit by driving its line low (LEDs wired from 3.3 V to the pin); `false`
  /// for LEDs from the pin to ground.
  public var ledsActiveLow: Bool
  /// The consumer label the kernel shows for the requested lines (`gpioinfo`): 1 to 31
  /// printable ASCII characters.
  public var consumer: String

  public init(
    chip: String = "gpiochip0", buttonLine: UInt32 = 17, buttonEdge: GPIOEdge = .falling,
    debounce: Duration = .milliseconds(50), buttonBias: GPIOBias = .pullUp,
    greenLine: UInt32 = 22, yellowLine: UInt32 = 23, redLine: UInt32 = 24,
    ledsActiveLow: Bool = false, consumer: String = "tradehost"
  ) {
    self.chip = chip
    self.buttonLine = buttonLine
    self.buttonEdge = buttonEdge
    self.debounce = debounce
    self.buttonBias = buttonBias
    self.greenLine = greenLine
    self.yellowLine = yellowLine
    self.redLine = redLine
    self.ledsActiveLow = ledsActiveLow
    self.consumer = consumer
  }

  /// The longest consumer label the kernel keeps (`GPIO_MAX_NAME_SIZE` minus the NUL).
  public static let consumerLimit = 31
  /// The longest debounce window accepted: a longer one would swallow a deliberate second press.
  public static let debounceLimit = Duration.seconds(1)

  /// Throws every problem at once, or returns when there is none.
  public func validate() throws(GPIOConfigurationError) {
    let problems = self.problems
    guard problems.isEmpty else { throw GPIOConfigurationError(problems) }
  }

  /// Every problem, in field order; empty when the configuration is usable.
  public var problems: [GPIOConfigurationError.Problem] {
    var problems: [GPIOConfigurationError.Problem] = []
    func problem(_ field: String, _ message: String) {
      problems.append(GPIOConfigurationError.Problem(field: field, message: message))
    }
    if chip.isEmpty {
      problem("chip", "is empty; name a GPIO chip such as gpiochip0 or /dev/gpiochip0")
    } else if chip.utf8.contains(0) {
      problem("chip", "contains a NUL byte")
    } else if chip.contains("/") && !chip.hasPrefix("/") {
      problem(
        "chip", "'\(chip)' is neither a chip name under /dev (gpiochip0) nor an absolute path")
    }
    let lines: [(field: String, line: UInt32)] = [
      ("buttonLine", buttonLine), ("greenLine", greenLine), ("yellowLine", yellowLine),
      ("redLine", redLine),
    ]
    for (index, entry) in lines.enumerated() {
      if let earlier = lines[..<index].first(where: { $0.line == entry.line }) {
        problem(entry.field, "line \(entry.line) is already used as \(earlier.field)")
      }
    }
    switch (buttonEdge, buttonBias) {
    case (.falling, .pullDown):
      problem(
        "buttonEdge",
        "a falling edge with a pull-down fires when the button is released; use the pull-up "
          + "for a button to ground, or the rising edge for a button to 3.3 V")
    case (.rising, .pullUp):
      problem(
        "buttonEdge",
        "a rising edge with a pull-up fires when the button is released; use the falling edge "
          + "for a button to ground, or the pull-down for a button to 3.3 V")
    default:
      break
    }
    if debounce < .zero || debounce > Self.debounceLimit {
      problem("debounce", "\(debounce) is outside 0 s ... \(Self.debounceLimit)")
    }
    if consumer.isEmpty {
      problem("consumer", "is empty; the kernel shows it as the lines' owner")
    } else if consumer.utf8.count > Self.consumerLimit {
      problem(
        "consumer",
        "'\(consumer)' has \(consumer.utf8.count) bytes; the kernel keeps at most "
          + "\(Self.consumerLimit)")
    } else if !consumer.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
      problem("consumer", "may hold only printable ASCII characters")
    }
    return problems
  }
}
