/// One row of an economic calendar: a scheduled announcement and the blackout around it. Pure
/// data, validated when the calendar is loaded.
public struct EconomicEvent: Hashable, Sendable {
  /// When the event happens (UTC ns).
  public let time: Int64
  /// Its name (`FOMC statement`).
  public let name: String
  /// The instruments it blacks out (`SYMBOL.VENUE`), or nil for every instrument (`*`).
  public let instruments: [String]?
  /// How long before `time` the blackout starts (ns, >= 0).
  public let before: Int64
  /// How long after `time` the blackout ends (ns, >= 0; `before + after > 0`).
  public let after: Int64
  /// The event's line in the file.
  public let line: Int

  /// The blackout `[time - before, time + after)` in UTC ns.
  public var window: Range<Int64> { (time - before)..<(time + after) }

  /// True if the event blacks out `qualifiedSymbol`.
  public func applies(to qualifiedSymbol: String) -> Bool {
    instruments?.contains(qualifiedSymbol) ?? true
  }
}
