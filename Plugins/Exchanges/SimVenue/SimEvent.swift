import PluginKit

/// What the simulated venue tells the host, as plain values (converted to C at emission).
enum SimEvent: Sendable {
  /// A bar closed.
  case bar(Bar)
  /// An order changed state.
  case order(SimOrderEvent)
  /// The session is up.
  case connected(at: Int64)
  /// The session is down.
  case disconnected(at: Int64, reason: String)
}
