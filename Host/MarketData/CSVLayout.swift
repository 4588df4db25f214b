/// The structure of a market-data CSV file: what each column means, how timestamps are written,
/// whether a header row exists. Pure data, built by hand (`init`, `standard`) or detected from
/// the file (`detect`).
///
/// A layout says nothing about how to interpret the values (instrument, precisions, bar
/// duration, whether a bar's timestamp is its open or close time): those cannot be seen in a
/// file and are `CSVReadOptions`.
public struct CSVLayout: Sendable, Hashable, CustomStringConvertible {
  /// One column: its name (from the header, or a default) and its role.
  public struct Column: Sendable, Hashable {
    /// The header's name for the column (without surrounding spaces), or a default.
    public var name: String
    /// What the column means.
    public var role: ColumnRole

    public init(name: String, role: ColumnRole) {
      self.name = name
      self.role = role
    }

    /// A column named after its role.
    public init(_ role: ColumnRole) { self.init(name: role.rawValue, role: role) }
  }

  /// What the rows hold.
  public var kind: SeriesKind
  /// Every field of a row, in order; a row must have exactly this many fields.
  public var columns: [Column]
  /// How the `.timestamp` column is written (a `.date` column is always `YYYY-MM-DD`).
  public var timestampFormat: TimestampFormat
  /// Whether the first non-blank line is a header row (skipped).
  public var hasHeader: Bool
  /// The field separator, an ASCII byte (`,` `;` tab `|`). Fields are not quoted.
  public var delimiter: UInt8
  /// The source's fixed zone, seconds east of UTC, for timestamps without a zone of their own.
  /// Detection sets `-18000` (EST) for HistData and `0` otherwise; files whose zone is unknown
  /// (backtrader's 2006 sample) are read as UTC. `CSVReadOptions.utcOffsetSeconds` overrides it.
  public var utcOffsetSeconds: Int
  /// The header names one column fewer than the rows hold because it lacks the time column
  /// (backtrader's `Date,Open,...,OpenInterest` over `Date,Time,O,H,L,C,V,OI` rows); the
  /// reader inserted a `Time` column after `Date`.
  public var headerLacksTimeColumn: Bool

  public init(
    kind: SeriesKind, columns: [Column], timestampFormat: TimestampFormat = .iso8601,
    hasHeader: Bool = true, delimiter: UInt8 = UInt8(ascii: ","), utcOffsetSeconds: Int = 0,
    headerLacksTimeColumn: Bool = false
  ) {
    self.kind = kind
    self.columns = columns
    self.timestampFormat = timestampFormat
    self.hasHeader = hasHeader
    self.delimiter = delimiter
    self.utcOffsetSeconds = utcOffsetSeconds
    self.headerLacksTimeColumn = headerLacksTimeColumn
  }

  /// One line, stable across runs (part of the cache key):
  /// `bars header ',' iso8601 utc+0 [ts_utc=timestamp,open,high,low,close,volume]`.
  public var description: String {
    let names = columns.map {
      $0.name == $0.role.rawValue ? $0.name : "\($0.name)=\($0.role.rawValue)"
    }
    let delimiterText = delimiter == 9 ? "\\t" : String(UnicodeScalar(delimiter))
    return "\(kind.rawValue) \(hasHeader ? "header" : "no-header") '\(delimiterText)' "
      + "\(timestampFormat.rawValue) utc\(utcOffsetSeconds >= 0 ? "+" : "")\(utcOffsetSeconds)"
      + (headerLacksTimeColumn ? " header-lacks-time" : "")
      + " [\(names.joined(separator: ","))]"
  }
}
