/// A 1-based line and column in a YAML file, the column counted in Unicode scalars as libyaml
/// does.
public struct SourcePosition: Hashable, Comparable, Sendable {
  public let line: Int
  public let column: Int

  public init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }

  public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
    (lhs.line, lhs.column) < (rhs.line, rhs.column)
  }

  /// True for the scalars libyaml counts as a line break: LF, CR (CR LF counts once), NEL, LS, PS.
  public static func isBreak(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x0A, 0x0D, 0x85, 0x2028, 0x2029: true
    default: false
    }
  }

  /// The position of the scalar at `offset` in `scalars`, counting lines as libyaml does.
  public static func of(scalarOffset offset: Int, in scalars: [Unicode.Scalar]) -> SourcePosition {
    var line = 1
    var column = 1
    var index = 0
    let end = Swift.min(offset, scalars.count)
    while index < end {
      let scalar = scalars[index]
      if scalar == "\r", index + 1 < scalars.count, scalars[index + 1] == "\n" {
        index += 1
        if index >= end { break }
      }
      if isBreak(scalar) {
        line += 1
        column = 1
      } else {
        column += 1
      }
      index += 1
    }
    return SourcePosition(line: line, column: column)
  }

  /// The offset in `scalars` of the scalar at this position, or nil if there is none.
  public func scalarOffset(in scalars: [Unicode.Scalar]) -> Int? {
    var line = 1
    var index = 0
    while line < self.line {
      guard index < scalars.count else { return nil }
      let scalar = scalars[index]
      index += 1
      if scalar == "\r", index < scalars.count, scalars[index] == "\n" { index += 1 }
      if Self.isBreak(scalar) { line += 1 }
    }
    let offset = index + column - 1
    guard column >= 1, offset < scalars.count else { return nil }
    // The column must not run past the end of the line.
    guard !scalars[index..<offset].contains(where: Self.isBreak) else { return nil }
    return offset
  }

  /// The position of the byte at `offset` in the UTF-8 form of `text`.
  public static func of(utf8Offset offset: Int, in text: String) -> SourcePosition {
    var consumed = 0
    var scalarCount = 0
    for scalar in text.unicodeScalars {
      let width = UTF8.width(scalar)
      if consumed + width > offset { break }
      consumed += width
      scalarCount += 1
    }
    return of(scalarOffset: scalarCount, in: Array(text.unicodeScalars))
  }
}
