import Foundation
import Selector

/// The text `tradehost evolve` prints without `--json`.
enum EvolveSummary {
  static func text(_ report: EvolutionReport) -> String {
    var lines: [String] = []
    let folds = report.walkForward.folds.count
    lines.append(
      "evolve: \(report.evaluations) genomes evaluated (\(report.failedEvaluations) failed) in \(report.generations.count) generations; \(folds) walk-forward folds, embargo \(report.walkForward.embargo) events; seed \(report.settings.seed)"
    )
    lines.append("generation  best fitness  median fitness")
    for (index, generation) in report.generations.enumerated() {
      lines.append(
        pad(String(index), 10) + "  " + pad(figure(generation.best), 12) + "  "
          + figure(generation.median))
    }
    guard let best = report.best else {
      lines.append("no champion: " + report.refusals.joined(separator: "; "))
      return lines.joined(separator: "\n")
    }
    let parameters = best.parameters.map { "\($0.name)=\($0.value)" }.joined(separator: " ")
    lines.append("best: \(best.strategy) \(parameters)")
    lines.append("                 in sample  out of sample")
    let rows: [(String, (Performance) -> String)] = [
      ("fitness", { figure($0.fitness) }), ("sharpe (annual)", { figure($0.sharpe) }),
      ("max drawdown", { percent($0.maxDrawdown) }), ("return", { percent($0.totalReturn) }),
      ("fills", { String($0.fills) }),
    ]
    for (name, value) in rows {
      lines.append(
        pad(name, 15) + "  " + pad(value(best.inSample), 9) + "  " + value(best.outOfSample))
    }
    lines.append(
      "deflated Sharpe ratio: \(figure(report.deflatedSharpe)) (the best of \(report.evaluations - report.failedEvaluations) luck-only trials would reach \(figure(report.expectedMaximumSharpe)) per event)"
    )
    lines.append(
      report.passed
        ? "champion: passed (out-of-sample fitness >= \(figure(report.settings.minOutOfSample)), deflated Sharpe >= \(figure(report.settings.minDeflatedSharpe)))"
        : "no champion: the best genome is refused: " + report.refusals.joined(separator: "; "))
    return lines.joined(separator: "\n")
  }

  static func figure(_ value: Double?) -> String {
    guard let value, value.isFinite else { return "-" }
    return String(format: "%.4f", value)
  }

  static func percent(_ value: Double) -> String { String(format: "%.2f%%", value * 100) }

  static func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
  }
}
