import Execution
import TradingModel

/// Which venue trades each instrument: the run's venues and, per instrument id, the index of the
/// one that gets its orders and sees its market events first. Built by the session builder (run
/// config `venues:`, `--venue ID`); the default is one `SimulatedVenue` for every instrument.
public struct VenueRoutes {
  /// The run's venues (each at least one instrument's).
  public let venues: [any Venue]
  /// `venues` index per instrument id.
  public let byInstrument: [Int]

  /// Routes every instrument `i` to `venues[byInstrument[i]]`; `Kernel.init` checks the
  /// table against the run's instruments.
  public init(venues: [any Venue], byInstrument: [Int]) {
    self.venues = venues
    self.byInstrument = byInstrument
  }

  /// One simulator (the configuration's fill rules and order-table capacity) for everything.
  public static func simulator(for configuration: KernelConfiguration) -> VenueRoutes {
    VenueRoutes(
      venues: [
        SimulatedVenue(
          instruments: configuration.instruments, configuration: configuration.execution,
          capacity: configuration.maxOpenOrders)
      ],
      byInstrument: Array(repeating: 0, count: configuration.instruments.count))
  }

  /// Why the table does not fit `instruments`, or `nil`.
  func problem(instruments: Int) -> String? {
    guard byInstrument.count == instruments else {
      return "the venue table routes \(byInstrument.count) instruments, the run has \(instruments)"
    }
    if let bad = byInstrument.firstIndex(where: { !venues.indices.contains($0) }) {
      return "instrument id \(bad) is routed to venue \(byInstrument[bad]) of \(venues.count)"
    }
    return nil
  }
}
