/// What a bar file's timestamp marks. The kernel's `Bar.timestamp` is always the close time, so
/// an open time has the bar duration added. Pure data; raw values are the CLI's names.
///
/// LEAN bars (every `spy_*`/`oanda_*` file in shared data) are stamped at the open, and so are
/// the others as far as their sources say (vendor minute bars, Yahoo dailies): `.open` is the
/// default. A daily bar stamped with a bare date therefore closes at the next midnight UTC,
/// later than the session's real close: never earlier, so nothing is seen before it is known.
public enum BarTimestamp: String, Sendable, Hashable, CaseIterable {
  /// The timestamp is the bar's open; close = timestamp + duration.
  case open
  /// The timestamp is the bar's close.
  case close
}
