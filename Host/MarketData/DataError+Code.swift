extension DataError {
  /// The kind of a `DataError`. A struct around a private enum, so new kinds can be added
  /// without breaking callers that switch on the ones they know.
  public struct Code: Hashable, Sendable, CustomStringConvertible {
    private enum Value: String, Hashable, Sendable {
      case unreadable, empty, headerOnly, unrecognizedLayout, fieldCount, truncatedLine
      case malformedNumber, tooPrecise, outOfRange, negativeSize, malformedTimestamp
      case invalidTimestamp, timestampOrder, inconsistentBar, unknownDuration, invalidValue
      case invalidOption
    }

    private let value: Value
    private init(_ value: Value) { self.value = value }

    /// The file does not exist or cannot be read.
    public static let unreadable = Code(.unreadable)
    /// The file holds no rows at all (nothing, or only blank lines).
    public static let empty = Code(.empty)
    /// The file holds a header and no data rows.
    public static let headerOnly = Code(.headerOnly)
    /// The columns could not be recognized, or do not fit the requested layout.
    public static let unrecognizedLayout = Code(.unrecognizedLayout)
    /// A row has more or fewer fields than the layout.
    public static let fieldCount = Code(.fieldCount)
    /// The last line has no newline and too few fields: the file was cut short.
    public static let truncatedLine = Code(.truncatedLine)
    /// A field that must be a plain decimal number is not one.
    public static let malformedNumber = Code(.malformedNumber)
    /// A number has more decimals than the given (or supported) precision; never rounded.
    public static let tooPrecise = Code(.tooPrecise)
    /// A number does not fit the 64-bit fixed-point range at its precision.
    public static let outOfRange = Code(.outOfRange)
    /// A volume or size is negative.
    public static let negativeSize = Code(.negativeSize)
    /// A timestamp field does not have the layout's timestamp form.
    public static let malformedTimestamp = Code(.malformedTimestamp)
    /// A timestamp has the right form but names no real instant (month 13, February 30, 25:00).
    public static let invalidTimestamp = Code(.invalidTimestamp)
    /// A timestamp goes back in time (or, for bars, repeats the previous one).
    public static let timestampOrder = Code(.timestampOrder)
    /// A bar breaks `low <= open, close <= high`.
    public static let inconsistentBar = Code(.inconsistentBar)
    /// The bar duration cannot be detected (fewer than two distinct timestamps) and was not given.
    public static let unknownDuration = Code(.unknownDuration)
    /// A text field (trade side, suspicious flag) holds a value the reader does not know.
    public static let invalidValue = Code(.invalidValue)
    /// The read options are inconsistent (a precision above 12, a non-positive duration).
    public static let invalidOption = Code(.invalidOption)

    public var description: String { value.rawValue }
  }
}
