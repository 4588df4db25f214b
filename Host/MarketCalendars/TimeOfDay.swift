/// A local wall-clock time written `HH:MM`, as minutes after midnight (0 ... 1440). Pure.
enum TimeOfDay {
  /// Minutes in a day; `24:00` is this value and means the end of the day.
  static let minutesPerDay = 1440

  /// The minutes of `HH:MM` (exactly two digits each, `00:00` to `24:00`), or nil.
  static func minutes(_ text: Substring) -> Int? {
    let bytes = Array(text.utf8)
    guard bytes.count == 5, bytes[2] == UInt8(ascii: ":"),
      let hours = CivilDate.number(bytes[0..<2]), let minutes = CivilDate.number(bytes[3..<5]),
      hours <= 24, minutes <= 59, hours < 24 || minutes == 0
    else { return nil }
    return Int(hours * 60 + minutes)
  }

  /// `HH:MM` for minutes after midnight.
  static func text(_ minutes: Int) -> String {
    let hours = minutes / 60
    let rest = minutes % 60
    return (hours < 10 ? "0" : "") + "\(hours):" + (rest < 10 ? "0" : "") + "\(rest)"
  }
}
