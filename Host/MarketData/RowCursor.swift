#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Walks the data rows of a CSV buffer, splitting each into fields by index (no copies, no
/// per-row allocation), and turns field problems into `DataError`s naming line and column.
/// Used by one read on one thread; `buffer` must outlive it.
///
/// Blank lines are skipped; CRLF and LF breaks are both accepted; a UTF-8 byte-order mark is
/// skipped. A last line without a newline is a row when it has every field, and a
/// `truncatedLine` error when it has too few.
struct RowCursor: ~Copyable {
  let buffer: UnsafeBufferPointer<UInt8>
  let path: String
  let plan: ColumnPlan
  let delimiter: UInt8
  let format: TimestampFormat
  let utcOffset: Int64
  /// The 1-based line of the current row.
  private(set) var line = 0
  /// The line of the header, if the layout has one and the file holds it.
  private(set) var headerLine: Int?
  /// A generous estimate of the row count (from the first row's length, plus a quarter, since
  /// later rows may be shorter), for reserving capacity once.
  private(set) var estimatedRows = 0
  private var position: Int
  private var lineCounter = 0
  private let bounds: UnsafeMutablePointer<Int>

  init(
    buffer: UnsafeBufferPointer<UInt8>, path: String, layout: CSVLayout, plan: ColumnPlan,
    utcOffsetSeconds: Int
  ) {
    self.buffer = buffer
    self.path = path
    self.plan = plan
    self.delimiter = layout.delimiter
    self.format = layout.timestampFormat
    self.utcOffset = Int64(utcOffsetSeconds)
    self.position = LayoutSniffer.contentStart(buffer)
    self.bounds = .allocate(capacity: 2 * max(plan.fieldCount, 1))
    if layout.hasHeader, nextLine() != nil { headerLine = lineCounter }
    var probe = position
    while probe < buffer.count && buffer[probe] != UInt8(ascii: "\n") { probe += 1 }
    estimatedRows = (buffer.count - position) / max(probe - position + 1, 8) * 5 / 4 + 16
  }

  deinit { bounds.deallocate() }

  /// The next non-blank line's content range and whether a newline ends it.
  private mutating func nextLine() -> (start: Int, end: Int, terminated: Bool)? {
    guard let base = buffer.baseAddress else { return nil }
    while position < buffer.count {
      lineCounter += 1
      let start = position
      var end: Int
      let terminated: Bool
      if let hit = memchr(base + start, Int32(UInt8(ascii: "\n")), buffer.count - start) {
        end = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
        position = end + 1
        terminated = true
      } else {
        end = buffer.count
        position = end
        terminated = false
      }
      if end > start && buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
      if end > start { return (start, end, terminated) }
    }
    return nil
  }

  /// Moves to the next data row; `false` at the end of the file. Throws when the row's field
  /// count differs from the layout's.
  mutating func next() throws(DataError) -> Bool {
    guard let (start, end, terminated) = nextLine() else { return false }
    line = lineCounter
    let expected = plan.fieldCount
    var count = 0
    var fieldStart = start
    var index = start
    while index < end {
      if buffer[index] == delimiter {
        if count < expected {
          bounds[2 * count] = fieldStart
          bounds[2 * count + 1] = index
        }
        count += 1
        fieldStart = index + 1
      }
      index += 1
    }
    if count < expected {
      bounds[2 * count] = fieldStart
      bounds[2 * count + 1] = end
    }
    count += 1
    if count != expected {
      if !terminated && count < expected {
        throw failure(
          .truncatedLine, column: nil,
          "the last line is cut short: no newline at the end of the file and \(count) of "
            + "\(expected) fields")
      }
      throw failure(
        .fieldCount, column: nil,
        "the row has \(count) fields, the layout has \(expected) "
          + "(\(plan.names.joined(separator: ",")))")
    }
    return true
  }

  /// The bytes of field `column` (0-based) of the current row.
  @inline(__always)
  func field(_ column: Int) -> UnsafeBufferPointer<UInt8> {
    let start = bounds[2 * column]
    return UnsafeBufferPointer(rebasing: buffer[start..<bounds[2 * column + 1]])
  }

  /// Field `column` as quoted text for a message.
  func quoted(_ column: Int) -> String { LayoutSniffer.quoted(field(column)) }

  /// An error at the current row; `column` is 0-based.
  func failure(_ code: DataError.Code, column: Int?, _ message: String) -> DataError {
    DataError(
      path: path, line: line, column: column.map { $0 + 1 },
      columnName: column.map { plan.names[$0] }, code: code, message: message)
  }

  /// The error for a file without data rows: empty, or a header alone.
  func noRows() -> DataError {
    if let headerLine {
      return DataError(
        path: path, line: headerLine, code: .headerOnly,
        message: "the file has a header but no data rows")
    }
    return DataError(path: path, code: .empty, message: "the file holds no rows")
  }
}
