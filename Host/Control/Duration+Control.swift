extension Duration {
  /// Whole milliseconds, rounded up, clamped to `0...Int32.max`: a `poll` timeout that never
  /// wakes early and never turns a short positive wait into a busy loop.
  var pollMilliseconds: Int32 {
    let (seconds, attoseconds) = components
    if seconds < 0 || (seconds == 0 && attoseconds <= 0) { return 0 }
    if seconds >= Int64(Int32.max / 1000) { return Int32.max }
    let attosecondsPerMillisecond: Int64 = 1_000_000_000_000_000
    let milliseconds =
      seconds * 1000 + (attoseconds + attosecondsPerMillisecond - 1) / attosecondsPerMillisecond
    return Int32(clamping: milliseconds)
  }

  /// For messages: "2 seconds", "1 second", "1.5 seconds", "200 milliseconds".
  var spokenText: String {
    let milliseconds = Int64(pollMilliseconds)
    if milliseconds < 1000 {
      return milliseconds == 1 ? "1 millisecond" : "\(milliseconds) milliseconds"
    }
    if milliseconds % 1000 == 0 {
      let seconds = milliseconds / 1000
      return seconds == 1 ? "1 second" : "\(seconds) seconds"
    }
    return "\(Double(milliseconds) / 1000) seconds"
  }
}
