import Control
import Foundation
import KillSwitch
import Risk

/// Where a running host takes manual controls from besides the control channel: SIGUSR1 (a
/// kill), the trigger file (the action its content names) and, when configured, the hardware
/// button on a GPIO line (a kill) with the three status LEDs. Each source pushes a `RiskCommand`
/// with its own audit source and wakes the session, so the command takes effect at once.
///
/// Started and stopped on the main thread; the sources' own threads only push commands.
final class KillSources {
  /// Where the sources' controls go; set before `start`.
  var guarded: StallGuard?
  private let wake: @Sendable () -> Void
  private var signals: SignalWatcher?
  private var trigger: FileTrigger?
  private var button: KillButton?
  private var lineSource: LibgpiodLineSource?
  /// The status LEDs (kernel thread: `showState`).
  private(set) var lights: StatusLights?
  private var shownState: LightState?

  init(wake: @escaping @Sendable () -> Void) {
    self.wake = wake
  }

  /// Starts SIGUSR1, the trigger file at `triggerPath` (when given) and the GPIO button and LEDs
  /// (when `gpio` is given). Throws one sentence naming the source that could not start.
  func start(triggerPath: String?, gpio: GPIOConfiguration?) throws(RiskError) {
    guard let commands = guarded else { throw RiskError("the kill switch has no risk wrapper") }
    let wake = self.wake
    let signals = SignalWatcher(signals: [SIGUSR1]) { _ in
      Self.submit(commands, RiskCommand(action: .kill, source: .signal, detail: "SIGUSR1"))
      wake()
    }
    do throws(SignalWatcherError) {
      try signals.start()
    } catch {
      throw RiskError("SIGUSR1 kill switch: \(error)")
    }
    self.signals = signals
    if let triggerPath {
      let trigger = FileTrigger(path: triggerPath) { result in
        switch result {
        case .success(let action):
          Self.submit(
            commands,
            RiskCommand(action: Self.action(action), source: .file, detail: triggerPath))
          wake()
        case .failure(let error):
          printError("kill trigger file: \(error)")
        }
      }
      do throws(FileTriggerError) {
        try trigger.start()
      } catch {
        throw RiskError("kill trigger file \(triggerPath): \(error)")
      }
      self.trigger = trigger
    }
    if let gpio { try startGPIO(gpio) }
  }

  private func startGPIO(_ configuration: GPIOConfiguration) throws(RiskError) {
    guard let commands = guarded else { throw RiskError("the kill switch has no risk wrapper") }
    let wake = self.wake
    do throws(GPIOError) {
      let source = try LibgpiodLineSource(chip: configuration.chip)
      lineSource = source
      lights = try StatusLights(source: source, configuration: configuration)
      let detail = "\(configuration.chip) line \(configuration.buttonLine)"
      let button = KillButton(
        source: source, configuration: configuration,
        clock: { Int64(Date().timeIntervalSince1970 * 1e9) },
        onFailure: { error in printError("kill button: \(error)") },
        handler: { _ in
          Self.submit(commands, RiskCommand(action: .kill, source: .gpio, detail: detail))
          wake()
        })
      try button.start()
      self.button = button
    } catch {
      throw RiskError("GPIO kill switch: \(error)")
    }
  }

  /// [kernel thread] Shows `state` on the LEDs (writes only on change).
  func showState(_ state: TradingState) {
    guard let lights else { return }
    let light: LightState =
      switch state {
      case .active: .active
      case .reducing, .paused: .cautious
      case .halted: .halted
      }
    guard light != shownState else { return }
    shownState = light
    do throws(GPIOError) {
      try lights.update(light)
    } catch {
      printError("status LEDs: \(error)")
    }
  }

  /// Stops every source and darkens the LEDs.
  func stop() {
    signals?.stop()
    trigger?.stop()
    button?.stop()
    if let lights { try? lights.update(.off) }
    lineSource?.close()
  }

  /// Submits a control and prints what was done beyond queueing it (a kill carried out while
  /// the kernel is stuck), or that its state could not be saved.
  static func submit(_ guard: StallGuard, _ command: RiskCommand) {
    switch `guard`.submit(command) {
    case .success(let note?): printError("\(command.action.rawValue) (\(command.detail)): \(note)")
    case .success(nil): break
    case .failure(let error):
      printError(
        "\(command.action.rawValue) (\(command.detail)) queued, but the state is not saved: \(error)")
    }
  }

  static func action(_ action: TriggerAction) -> RiskCommand.Action {
    switch action {
    case .kill: .kill
    case .reduce: .reduce
    case .pause: .pause
    case .resume: .resume
    }
  }
}
