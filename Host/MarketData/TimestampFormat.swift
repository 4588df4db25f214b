/// How a timestamp field is written. Every form converts to `Int64` nanoseconds since the Unix
/// epoch, UTC (`TimestampParser`). Pure data.
///
/// A file whose date and time sit in two columns (`2006-01-02,09:01:00`) uses `.iso8601` with
/// the `.date` and `.time` column roles: the date column is `YYYY-MM-DD`, the time column
/// `HH:MM[:SS[.f{1,9}]]`.
public enum TimestampFormat: String, Sendable, Hashable, CaseIterable {
  /// `YYYY-MM-DD`, optionally followed by `T` or a space and `HH:MM[:SS[.f{1,9}]]`, optionally
  /// followed by `Z`, `+HH:MM`, `+HHMM` or `+HH` (or `-`). A date alone is midnight.
  case iso8601 = "iso8601"
  /// HistData's ASCII form, `YYYYMMDD HHMMSS` or `YYYYMMDD HHMMSSmmm`, with no zone (HistData
  /// writes EST, UTC-5 all year; the detected layout applies that offset).
  case histData = "histdata"
  /// An integer count of seconds since the epoch.
  case epochSeconds = "epoch-s"
  /// An integer count of milliseconds since the epoch.
  case epochMilliseconds = "epoch-ms"
  /// An integer count of microseconds since the epoch (tardis.dev).
  case epochMicroseconds = "epoch-us"
  /// An integer count of nanoseconds since the epoch.
  case epochNanoseconds = "epoch-ns"

  /// Nanoseconds per unit for the epoch forms, `nil` for the calendar forms.
  var epochUnit: Int64? {
    switch self {
    case .iso8601, .histData: nil
    case .epochSeconds: 1_000_000_000
    case .epochMilliseconds: 1_000_000
    case .epochMicroseconds: 1_000
    case .epochNanoseconds: 1
    }
  }

  /// Whether the form names an absolute instant (epoch counts), so no UTC offset applies.
  var isAbsolute: Bool { epochUnit != nil }

  /// What a field of this form looks like, for error messages.
  var expectedForm: String {
    switch self {
    case .iso8601: "YYYY-MM-DD[THH:MM:SS[.fffffffff]][Z|+HH:MM]"
    case .histData: "YYYYMMDD HHMMSS[mmm]"
    case .epochSeconds: "an integer count of seconds since 1970"
    case .epochMilliseconds: "an integer count of milliseconds since 1970"
    case .epochMicroseconds: "an integer count of microseconds since 1970"
    case .epochNanoseconds: "an integer count of nanoseconds since 1970"
    }
  }
}
