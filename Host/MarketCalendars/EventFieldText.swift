/// Parsing the time and duration fields of an economic calendar. Pure; load time only.
enum EventFieldText {
  /// Longest blackout on either side of an event.
  static let maximumDuration: Int64 = 31 * 86_400 * 1_000_000_000

  /// An ISO-8601 time with a zone, in UTC ns: `YYYY-MM-DDTHH:MM[:SS[.fraction]]` followed by `Z`
  /// or an offset `+HH:MM` / `-HH:MM`. Nil if the text is not exactly that.
  static func time(_ text: String) -> Int64? {
    let bytes = Array(text.utf8)
    guard bytes.count >= 17, let date = CivilDate(Substring(text.prefix(10))),
      bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"),
      let hours = CivilDate.number(bytes[11..<13]), let minutes = CivilDate.number(bytes[14..<16]),
      hours <= 23, minutes <= 59
    else { return nil }
    var index = 16
    var seconds: Int64 = 0
    var nanoseconds: Int64 = 0
    if bytes[index] == UInt8(ascii: ":") {
      guard bytes.count >= index + 3,
        let value = CivilDate.number(bytes[(index + 1)..<(index + 3)]),
        value <= 59
      else { return nil }
      seconds = value
      index += 3
      if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
        let digitsStart = index + 1
        index = digitsStart
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"),
          bytes[index] <= UInt8(ascii: "9")
        {
          index += 1
        }
        let count = index - digitsStart
        guard (1...9).contains(count), let fraction = CivilDate.number(bytes[digitsStart..<index])
        else { return nil }
        nanoseconds = fraction
        for _ in count..<9 { nanoseconds *= 10 }
      }
    }
    guard index < bytes.count else { return nil }
    var offset: Int64 = 0
    switch bytes[index] {
    case UInt8(ascii: "Z"):
      guard index + 1 == bytes.count else { return nil }
    case UInt8(ascii: "+"), UInt8(ascii: "-"):
      guard bytes.count == index + 6, bytes[index + 3] == UInt8(ascii: ":"),
        let offsetHours = CivilDate.number(bytes[(index + 1)..<(index + 3)]),
        let offsetMinutes = CivilDate.number(bytes[(index + 4)..<(index + 6)]),
        offsetHours <= 23, offsetMinutes <= 59
      else { return nil }
      offset =
        (offsetHours * 3600 + offsetMinutes * 60) * (bytes[index] == UInt8(ascii: "-") ? -1 : 1)
    default:
      return nil
    }
    let local = date.dayNumber * 86_400 + hours * 3600 + minutes * 60 + seconds
    return (local - offset) * 1_000_000_000 + nanoseconds
  }

  /// A duration in ns: a whole number followed by `s`, `m` or `h` (`90s`, `15m`, `2h`), or `0`.
  /// Nil if the text is not one or is longer than `maximumDuration`.
  static func duration(_ text: String) -> Int64? {
    if text == "0" { return 0 }
    guard let unit = text.last, text.count >= 2, text.count <= 12,
      let value = CivilDate.number(ArraySlice(text.utf8.dropLast()))
    else { return nil }
    let scale: Int64
    switch unit {
    case "s": scale = 1_000_000_000
    case "m": scale = 60_000_000_000
    case "h": scale = 3_600_000_000_000
    default: return nil
    }
    guard value <= maximumDuration / scale else { return nil }
    return value * scale
  }
}
