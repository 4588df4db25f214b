/// A stretch `[start, end)` of one instrument's timeline during which the answer to
/// `blackout(at:)` is the same `window`. An instrument's segments are sorted and disjoint; gaps
/// between them are times without a blackout. Built once when the calendar loads.
struct BlackoutSegment: Hashable, Sendable {
  let start: Int64
  let end: Int64
  let window: BlackoutWindow

  /// The segments for the event windows `(start, end, event)` (each non-empty).
  static func build(_ windows: [(start: Int64, end: Int64, event: Int)]) -> [BlackoutSegment] {
    let sorted = windows.sorted { ($0.start, $0.event) < ($1.start, $1.event) }
    let edges = Array(Set(windows.flatMap { [$0.start, $0.end] })).sorted()
    // Elementary pieces between consecutive edges, each with the active window that began first.
    var pieces: [(start: Int64, end: Int64, event: Int)] = []
    var active: [(start: Int64, end: Int64, event: Int)] = []
    var next = 0
    for (index, edge) in edges.enumerated().dropLast() {
      while next < sorted.count, sorted[next].start <= edge {
        active.append(sorted[next])
        next += 1
      }
      active.removeAll { $0.end <= edge }
      guard let first = active.first else { continue }
      let end = edges[index + 1]
      if let last = pieces.last, last.end == edge, last.event == first.event {
        pieces[pieces.count - 1].end = end
      } else {
        pieces.append((edge, end, first.event))
      }
    }
    // Touching pieces form one blackout.
    var segments: [BlackoutSegment] = []
    var groupStart = 0
    for index in pieces.indices {
      let closesGroup = index + 1 == pieces.count || pieces[index + 1].start != pieces[index].end
      guard closesGroup else { continue }
      let start = pieces[groupStart].start
      let end = pieces[index].end
      for piece in pieces[groupStart...index] {
        segments.append(
          BlackoutSegment(
            start: piece.start, end: piece.end,
            window: BlackoutWindow(start: start, end: end, event: piece.event)))
      }
      groupStart = index + 1
    }
    return segments
  }
}
