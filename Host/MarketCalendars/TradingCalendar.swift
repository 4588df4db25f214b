/// Trading hours per instrument: named calendars (zone, weekly sessions, holidays, early closes)
/// and which instrument trades on which, loaded from a YAML calendar file (format:
/// `docs/risk.md`, "Calendar files"; loading: `TradingCalendar+YAML.swift`).
///
/// Immutable after loading; any thread. Queries go through a `SessionTracker` per instrument.
public struct TradingCalendar: Sendable {
  /// The file it was loaded from, as given.
  public let file: String
  /// The calendars by name.
  public let schedules: [String: SessionSchedule]
  /// Each listed instrument's (`SYMBOL.VENUE`) calendar.
  public let instruments: [String: SessionSchedule]

  init(file: String, schedules: [String: SessionSchedule], instruments: [String: SessionSchedule]) {
    self.file = file
    self.schedules = schedules
    self.instruments = instruments
  }

  /// A new tracker for the instrument `qualifiedSymbol` (`SPY.ARCA`), or nil if the file gives it
  /// no calendar (the instrument is then always open). Setup time, any thread.
  public func tracker(for qualifiedSymbol: String) -> SessionTracker? {
    instruments[qualifiedSymbol].map(SessionTracker.init(schedule:))
  }
}
