/// An economic calendar: scheduled events and the blackout windows around them, per instrument,
/// loaded from a CSV file (format: `docs/risk.md`, "Calendar files"; loading:
/// `EventCalendar+CSV.swift`).
///
/// Immutable after loading; any thread. Each instrument's windows are merged into sorted segments
/// once, here; queries go through a `BlackoutTracker` per instrument.
public struct EventCalendar: Sendable {
  /// The file it was loaded from, as given.
  public let file: String
  /// The events in file order (`BlackoutWindow.event` indexes this).
  public let events: [EconomicEvent]
  /// Segments for each instrument named in the file (its own events and the `*` events).
  private let segmentsBySymbol: [String: [BlackoutSegment]]
  /// Segments for every other instrument (the `*` events only).
  private let segmentsForOthers: [BlackoutSegment]

  init(file: String, events: [EconomicEvent]) {
    self.file = file
    self.events = events
    func windows(_ include: (EconomicEvent) -> Bool) -> [(start: Int64, end: Int64, event: Int)] {
      events.indices.filter { include(events[$0]) }.map {
        (events[$0].window.lowerBound, events[$0].window.upperBound, $0)
      }
    }
    let symbols = Set(events.flatMap { $0.instruments ?? [] })
    var bySymbol: [String: [BlackoutSegment]] = [:]
    for symbol in symbols {
      bySymbol[symbol] = BlackoutSegment.build(windows { $0.applies(to: symbol) })
    }
    segmentsBySymbol = bySymbol
    segmentsForOthers = BlackoutSegment.build(windows { $0.instruments == nil })
  }

  /// A new tracker for the instrument `qualifiedSymbol` (`SPY.ARCA`): the events that list it and
  /// the `*` events. An instrument no event applies to gets a tracker that never reports a
  /// blackout. Setup time, any thread.
  public func tracker(for qualifiedSymbol: String) -> BlackoutTracker {
    BlackoutTracker(segments: segmentsBySymbol[qualifiedSymbol] ?? segmentsForOthers)
  }

  /// The name of the event behind `window`.
  public func name(of window: BlackoutWindow) -> String {
    events[window.event].name
  }
}
