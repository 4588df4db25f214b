/// How the reader gets a file's layout: detected, detected but required to be of one kind, or
/// given in full. Pure data; `init(name:)` parses the CLI's `--layout` values.
public enum LayoutChoice: Sendable, Hashable, CustomStringConvertible {
  /// Detect everything from the header (or, without one, from the first row).
  case detect
  /// Detect the columns, but the file must hold this kind. A headerless file is read with
  /// `CSVLayout.standard(kind)`. `.bars` also accepts bid/ask bar columns.
  case kind(SeriesKind)
  /// Use this layout as is.
  case explicit(CSVLayout)

  /// `detect`, `bars`, `bidask-bars`, `quotes` or `trades`; `nil` for anything else.
  public init?(name: String) {
    if name == "detect" {
      self = .detect
    } else if let kind = SeriesKind(rawValue: name) {
      self = .kind(kind)
    } else {
      return nil
    }
  }

  /// The names `init(name:)` accepts.
  public static let names: [String] = ["detect"] + SeriesKind.allCases.map(\.rawValue)

  public var description: String {
    switch self {
    case .detect: "detect"
    case .kind(let kind): kind.rawValue
    case .explicit(let layout): "explicit(\(layout))"
    }
  }
}
