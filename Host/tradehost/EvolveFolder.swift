import Backtest
import Control
import Foundation
import Selector

/// The folder `tradehost evolve --out` keeps a run in, and `--resume` continues from:
/// `run.json` (the settings, strategies and data the run was started with),
/// `generations.jsonl` (one JSON line per generation: genomes, fold scores, seeds),
/// `report.json` (the `--json` report) and, when a champion passed, `champion.yaml` (a run
/// config for `tradehost backtest --config` and `tradehost run --config`).
enum EvolveFolder {
  static let header = "run.json"
  static let generations = "generations.jsonl"
  static let report = "report.json"
  static let champion = "champion.yaml"

  /// Creates the folder for a new run, or reads the kept generations of a run to resume.
  /// A line cut short by an interruption (no newline at its end) is dropped, with a warning,
  /// and the file rewritten without it.
  static func prepare(
    _ folder: String, resuming: Bool, header: JSONValue, evolution: Evolution,
    warn: (String) -> Void
  ) throws(SelectorError) -> [GenerationRecord] {
    let files = FileManager.default
    let headerPath = folder + "/" + Self.header
    let linesPath = folder + "/" + generations
    guard resuming else {
      if files.fileExists(atPath: headerPath) || files.fileExists(atPath: linesPath) {
        throw SelectorError(
          "\(folder) already holds a run: continue it with --resume \(folder), or choose another --out folder"
        )
      }
      do {
        try files.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try (header.jsonText + "\n").write(toFile: headerPath, atomically: true, encoding: .utf8)
      } catch {
        throw SelectorError("cannot write \(headerPath): \(error.localizedDescription)")
      }
      return []
    }
    let kept: JSONValue
    do {
      kept = try JSONValue(jsonText: try String(contentsOfFile: headerPath, encoding: .utf8))
    } catch {
      throw SelectorError("\(headerPath): cannot read the run to resume: \(error)")
    }
    if kept != header, case .object(let old) = kept, case .object(let new) = header {
      let keys = Set(old.keys).union(new.keys).filter { old[$0] != new[$0] }.sorted()
      throw SelectorError(
        "\(folder) was started with other settings (\(keys.joined(separator: ", ")) differ): resume it with the flags it was started with"
      )
    }
    let text: String
    do {
      text =
        files.fileExists(atPath: linesPath)
        ? try String(contentsOfFile: linesPath, encoding: .utf8) : ""
    } catch {
      throw SelectorError("\(linesPath): \(error.localizedDescription)")
    }
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let complete = lines.last == ""
    lines.removeLast()
    if !complete {
      warn("\(linesPath): the last generation was cut short by the interruption; it is bred again")
    }
    var records: [GenerationRecord] = []
    let spaces = evolution.evaluator.spaces
    for (index, line) in (complete ? lines : Array(lines)).enumerated() where !line.isEmpty {
      guard let json = try? JSONValue(jsonText: line),
        let record = GenerationRecord.decode(
          json, spaces: spaces, fitness: { evolution.fitness(of: $0) })
      else {
        throw SelectorError(
          "\(linesPath):\(index + 1): not a generation of this run (unreadable JSON, or a strategy or value outside the search)"
        )
      }
      records.append(record)
    }
    if !complete {
      do {
        try records.map { $0.json(spaces: spaces).jsonText + "\n" }.joined()
          .write(toFile: linesPath, atomically: true, encoding: .utf8)
      } catch {
        throw SelectorError("cannot rewrite \(linesPath): \(error.localizedDescription)")
      }
    }
    return records
  }

  /// Appends one generation's line and flushes it to disk.
  static func append(_ record: GenerationRecord, to folder: String, spaces: [StrategySpace])
    throws(SelectorError)
  {
    let path = folder + "/" + generations
    let line = record.json(spaces: spaces).jsonText + "\n"
    let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      throw SelectorError("cannot open \(path): \(String(cString: strerror(errno)))")
    }
    defer { close(descriptor) }
    let written = line.utf8CString.withUnsafeBufferPointer { buffer in
      write(descriptor, buffer.baseAddress, buffer.count - 1)
    }
    guard written == line.utf8.count, fsync(descriptor) == 0 else {
      throw SelectorError("cannot append to \(path): \(String(cString: strerror(errno)))")
    }
  }

  /// Writes the report and, when a champion passed, its run config (a stale one is removed).
  static func finish(
    _ folder: String, report: EvolutionReport, spaces: [StrategySpace], setup: EvolveSetup
  ) throws(SelectorError) {
    let championPath = folder + "/" + champion
    do {
      try (report.json(spaces: spaces).jsonText + "\n").write(
        toFile: folder + "/" + Self.report, atomically: true, encoding: .utf8)
      if let winner = report.champion {
        let yaml = try ChampionConfig.yaml(
          plan: setup.plan, configPath: setup.configPath, strategy: winner.strategy,
          parameters: winner.parameters,
          comment:
            "The champion of tradehost evolve (seed \(report.settings.seed), deflated Sharpe ratio \(EvolveSummary.figure(report.deflatedSharpe)) over \(report.evaluations - report.failedEvaluations) trials)."
        )
        try yaml.write(toFile: championPath, atomically: true, encoding: .utf8)
      } else if FileManager.default.fileExists(atPath: championPath) {
        try FileManager.default.removeItem(atPath: championPath)
      }
    } catch let error as SelectorError {
      throw error
    } catch {
      throw SelectorError("cannot write the report in \(folder): \(error.localizedDescription)")
    }
  }
}
