import Foundation
import Selector

/// The progress line `tradehost evolve` redraws on a terminal: generation, a bar of its
/// evaluations, the best and median fitness of the last finished generation, evaluations per
/// second and the time left. Pure: the caller gives the elapsed time.
enum EvolveProgress {
  /// - Parameters:
  ///   - evaluated: evaluations done since the run started (this process).
  ///   - remaining: evaluations still to do, at most (genomes seen before are not evaluated
  ///     again, so the run may end sooner).
  static func line(
    _ progress: Evolution.Progress, generations: Int, evaluated: Int, remaining: Int,
    elapsedNanoseconds: Int64
  ) -> String {
    let width = 20
    let filled = progress.total == 0 ? width : progress.done * width / progress.total
    let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
    let seconds = Double(elapsedNanoseconds) / 1e9
    let rate = seconds > 0 ? Double(evaluated) / seconds : 0
    let left = rate > 0 ? Int((Double(remaining) / rate).rounded(.up)) : nil
    return
      "generation \(progress.generation + 1)/\(generations) [\(bar)] \(progress.done)/\(progress.total)"
      + "  best \(figure(progress.best))  median \(figure(progress.median))"
      + "  \(String(format: "%.1f", rate)) evals/s  left \(left.map(duration) ?? "?")"
  }

  static func figure(_ value: Double?) -> String {
    guard let value, value.isFinite else { return "-" }
    return String(format: "%.3f", value)
  }

  /// `42s`, `3m05s`, `1h02m`.
  static func duration(_ seconds: Int) -> String {
    if seconds < 60 { return "\(seconds)s" }
    if seconds < 3600 { return "\(seconds / 60)m" + pad(seconds % 60) + "s" }
    return "\(seconds / 3600)h" + pad(seconds / 60 % 60) + "m"
  }

  private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
