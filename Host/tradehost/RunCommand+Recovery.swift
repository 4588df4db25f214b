import ArgumentParser
import Backtest
import Control
import Foundation
import Kernel
import PluginHost
import Risk
import Store

extension RunCommand {
  /// What must be the same for this run to continue an earlier session: the market (symbols,
  /// seed, bar length, --start, replayed file), the slots (the run config's text, or --strategy, --param
  /// and --cash), the venues and the risk flags; a SHA-256, hex.
  func recoveryFingerprint() -> String {
    var parts = [
      "symbols=\(symbolNames.joined(separator: ","))", "seed=\(seed)", "bar=\(barSeconds)",
      "replay=\(replay ?? "")", "venue=\(venue ?? "")", "risk=\(riskOptions.risk ?? "")",
      "preset=\(riskOptions.riskPreset ?? "")",
    ]
    // Only when given, so that chains begun before --start existed still resume.
    if let start { parts.append("start=\(start)") }
    if let config {
      let text = (try? Data(contentsOf: URL(fileURLWithPath: config))).map { [UInt8]($0) } ?? []
      parts.append("config=\(FileDigest.sha256Hex(text))")
    } else {
      parts += ["strategy=\(strategy)", "param=\(param.joined(separator: ","))", "cash=\(cash)"]
    }
    return FileDigest.sha256Hex(Array(parts.joined(separator: "\n").utf8))
  }

  /// Why this run's sessions cannot be resumed by a replay, or `nil` when they can.
  func recoveryBlocker(plan: BacktestPlan) -> String? {
    if !resume { return "--no-resume was given" }
    if replay == nil, realTime {
      return "it runs in real time on the wall clock, which a replay cannot repeat (a faster --interval-ms runs on the market's clock)"
    }
    if plan.venues.values.contains(where: { !$0.isSimulator }) {
      return "its venues include an exchange plugin, which the venue seam cannot ask for its open orders and fills (and a replay would send it orders again)"
    }
    return nil
  }

  /// The state folder made private, then the store opened and what it holds checked
  /// (`RunStore`); `nil` with `--store none`.
  func openRunStore(plan: BacktestPlan) -> Result<RunStore?, PaperSetupError> {
    let location: StoreLocation?
    switch storeLocation(configured: plan.store) {
    case .success(let made): location = made
    case .failure(let error): return .failure(error)
    }
    guard let location else { return .success(nil) }
    do throws(ControlError) {
      try PrivateDirectory.prepare(stateDirectory)
    } catch {
      return .failure(
        PaperSetupError(message: StateFolderError.describe(error, folder: stateDirectory)))
    }
    return RunStore.open(
      location: location, fingerprint: recoveryFingerprint(), blocker: recoveryBlocker(plan: plan),
      now: WallClock().now()
    ).map { $0 }
  }

  /// The session's market record: the chain it continues, its fingerprint, the market's start
  /// and the latched risk states the chain began with.
  func marketRecord(
    opened: RunStore, market: PaperMarket, startingRisk: RiskStateSnapshot?
  ) -> RunMarketRecord {
    let risk: String?
    if let resume = opened.resume {
      risk = resume.riskStateText
    } else {
      risk = startingRisk.flatMap { try? JSONEncoder().encode($0) }.map {
        String(decoding: $0, as: UTF8.self)
      }
    }
    return RunMarketRecord(
      resumes: opened.resume?.session, fingerprint: recoveryFingerprint(),
      marketStart: market.feed.start, description: market.description, riskState: risk)
  }

  /// [kernel-thread] When the run resumes a chain, replays and checks it (`RunRecovery`) and
  /// prints what it found; a chain that cannot be continued ends the run (exit 2) with the
  /// session left unfinished, so the next start finds the chain again.
  func recoverIfResuming(_ setup: PaperSetup, link: JournalLink) throws {
    guard let recovery = setup.recovery, let journal = link.journal else { return }
    switch recovery.recover(session: setup.session, journal: journal, denials: link.denials) {
    case .success(let lines):
      for line in lines { printError(line, level: .notice) }
    case .failure(let error):
      printError(error.message)
      if let failure = journal.journal.abandon() { printError("journal: \(failure.description)") }
      throw ExitCode(2)
    }
  }
}
