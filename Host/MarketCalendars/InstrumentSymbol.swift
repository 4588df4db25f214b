/// The `SYMBOL.VENUE` names calendar files use for instruments (`Instrument.qualifiedSymbol`).
enum InstrumentSymbol {
  /// True for text without spaces that has a non-empty symbol and venue around its last dot.
  static func isQualified(_ text: Substring) -> Bool {
    guard let dot = text.lastIndex(of: "."), dot != text.startIndex,
      text.index(after: dot) != text.endIndex
    else { return false }
    return !text.contains(where: \.isWhitespace)
  }

  static func isQualified(_ text: String) -> Bool { isQualified(Substring(text)) }
}
