extension Unicode.Scalar {
  /// `0`-`9`.
  var isASCIIDigit: Bool { ("0"..."9").contains(self) }
  /// `a`-`z`.
  var isASCIILower: Bool { ("a"..."z").contains(self) }
  /// `a`-`z` or `A`-`Z`.
  var isASCIILetter: Bool { isASCIILower || ("A"..."Z").contains(self) }
  /// `0`-`9`, `a`-`z` or `A`-`Z`.
  var isASCIIAlphanumeric: Bool { isASCIIDigit || isASCIILetter }
  /// `0`-`9`, `a`-`f` or `A`-`F`.
  var isHexDigit: Bool { isASCIIDigit || ("a"..."f").contains(self) || ("A"..."F").contains(self) }
}
