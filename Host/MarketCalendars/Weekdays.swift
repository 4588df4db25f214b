/// Weekday names and the `sessions` keys made of them: a day (`mon`), a range (`mon-fri`, which
/// may wrap: `sun-thu`, `fri-mon`) or a comma-separated list of either (`mon-wed,fri`). Pure.
enum Weekdays {
  /// Three-letter names, Monday first; the index is the weekday number (Monday = 0).
  static let names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

  /// Full English names, for messages.
  static let fullNames = [
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
  ]

  /// The weekdays a key names, in the order written; on failure, the part that is not a day.
  static func parse(_ key: String) -> Result<[Int], WeekdayKeyError> {
    var days: [Int] = []
    for item in key.split(separator: ",", omittingEmptySubsequences: false) {
      let ends = item.split(separator: "-", omittingEmptySubsequences: false)
      guard ends.count <= 2 else { return .failure(WeekdayKeyError(part: String(item))) }
      var bounds: [Int] = []
      for end in ends {
        guard let day = names.firstIndex(of: end.trimmingSpaces().lowercased()) else {
          return .failure(WeekdayKeyError(part: String(end)))
        }
        bounds.append(day)
      }
      var day = bounds[0]
      days.append(day)
      while day != bounds[bounds.count - 1] {
        day = (day + 1) % 7
        days.append(day)
      }
    }
    return .success(days)
  }

  /// A part of a `sessions` key that is not a weekday name.
  struct WeekdayKeyError: Error {
    let part: String
  }
}
