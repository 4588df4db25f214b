import Synchronization

/// Three LEDs that show the trading state: green while active, yellow while reducing or
/// paused, red when halted, all dark after shutdown (`LightState`).
///
/// `init` requests the three output lines dark. `update` drives only the lines whose level
/// changes, turning LEDs off before turning one on, and honours `ledsActiveLow` (a lit LED
/// is a low line then).
///
/// Threads: `update` may be called from any thread, typically the one that publishes the
/// trading state; calls are serialised by a `Mutex` held while the lines are written, so it
/// blocks only for a few system calls (or another thread's `update`). Not for the hot path:
/// publish state changes, not every event.
public final class StatusLights: Sendable {
  // Sendable is checked by the compiler: `let`s of Sendable types, mutable state in a Mutex.

  /// The wiring.
  public let configuration: GPIOConfiguration
  private let source: any GPIOLineSource
  private let lights: Mutex<Lights>

  /// What the lines are known to show. A line whose write failed is unknown (`nil`), so the
  /// next `update` writes it again.
  private struct Lights {
    var state: LightState
    /// Lit or not, per LED: green, yellow, red.
    var lit: [Bool?]
  }

  /// Validates `configuration` and requests the three LED lines from `source`, all dark.
  ///
  /// Throws `invalidConfiguration`, or the source's error for a request (`requestFailed` for a
  /// busy line, `noSuchLine`, ...); lines requested before the failure stay with the source
  /// until it is closed.
  public init(source: any GPIOLineSource, configuration: GPIOConfiguration) throws(GPIOError) {
    do throws(GPIOConfigurationError) {
      try configuration.validate()
    } catch {
      throw .invalidConfiguration(error)
    }
    for line in [configuration.greenLine, configuration.yellowLine, configuration.redLine] {
      try source.requestOutput(
        line: line, initialValue: configuration.ledsActiveLow, consumer: configuration.consumer)
    }
    self.configuration = configuration
    self.source = source
    self.lights = Mutex(Lights(state: .off, lit: [false, false, false]))
  }

  /// The state last passed to `update` (`off` before the first).
  public var state: LightState {
    lights.withLock { $0.state }
  }

  /// Shows `state`: writes the lines whose level changes, dark ones first. When a write
  /// fails, the other lines are still written, and the first error is thrown; the failed line
  /// is written again by the next `update`, even of the same state.
  public func update(_ state: LightState) throws(GPIOError) {
    let lines = [configuration.greenLine, configuration.yellowLine, configuration.redLine]
    let activeLow = configuration.ledsActiveLow
    let source = self.source
    try lights.withLock { (lights: inout Lights) throws(GPIOError) in
      lights.state = state
      let wanted = [state.lit.green, state.lit.yellow, state.lit.red]
      var firstError: GPIOError?
      // Two passes: LEDs that go dark, then LEDs that light.
      for lighting in [false, true] {
        for index in 0..<3 where wanted[index] == lighting && lights.lit[index] != lighting {
          do throws(GPIOError) {
            try source.setOutput(line: lines[index], value: lighting != activeLow)
            lights.lit[index] = lighting
          } catch {
            lights.lit[index] = nil
            if firstError == nil { firstError = error }
          }
        }
      }
      if let firstError { throw firstError }
    }
  }
}
