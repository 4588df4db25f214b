/// Who or what caused an audited action.
public enum AuditSource: String, Sendable, CaseIterable {
  /// A limit or guard of the risk configuration.
  case rule
  /// A health breaker (plugin errors, venue errors or latency, stale data).
  case breaker
  /// An operator through the control channel (`tradehost kill`, `pause`, ...).
  case `operator`
  /// The kill trigger file.
  case file
  /// A signal (SIGUSR1).
  case signal
  /// The hardware button on a GPIO line.
  case gpio
  /// The host itself (states restored at start, the end of a run).
  case host
  /// The watchdog of the kernel's plugin calls (a call past its deadline, a kill or a stop
  /// carried out from the control side while the kernel thread was stuck).
  case watchdog
  /// The plugin folder watcher (a changed manifest or library started a reload).
  case watcher
}
