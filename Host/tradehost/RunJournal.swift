import Kernel
import MarketData
import Risk
import Store
import TradingModel

/// A paper run's journal: the store opened (created on first run), migrated, the previous
/// session's end checked, a new session begun with the run's instruments and slot versions,
/// and the writer started. Audit entries and deployment actions reach it through `link`.
final class RunJournal {
  let journal: Journal
  /// What the start found, for the start lines (migrations applied, an unclean last exit).
  let notes: [String]
  /// Whether a failure was reported last (kernel thread).
  fileprivate(set) var reportedFailing = false
  /// Whether a difference from the replayed journal was reported (kernel thread).
  fileprivate(set) var reportedMismatch = false

  private init(journal: Journal, notes: [String]) {
    self.journal = journal
    self.notes = notes
  }

  /// Begins a session on `opened` (its store open and migrated) for `kernel`'s run at `now`,
  /// with `market` as its market record; when the run resumes a chain, the journal drops what
  /// the replay of the chain's market reproduces (`JournalReplay`). Any failure is one sentence
  /// naming the store; the host must not trade then.
  static func open(
    _ opened: RunStore, kernel: Kernel, market: RunMarketRecord, now: Int64
  ) -> Result<RunJournal, PaperSetupError> {
    do throws(StoreError) {
      let store = opened.store
      var notes = opened.notes
      let session = try store.beginSession(at: now, note: "run")
      let journal = Journal(store: store, session: session)
      journal.record(.runMarket(market))
      for instrument in kernel.configuration.instruments {
        journal.record(.instrument(InstrumentRecord(instrument)))
      }
      for slot in kernel.slots { journal.record(.slot(slotRecord(slot, time: now))) }
      if let resume = opened.resume { journal.expect(JournalReplay(logs: resume.logs)) }
      try journal.start()
      guard journal.awaitDurable(journal.recorded) else {
        throw journal.failure
          ?? StoreError(store: store.name, kind: .failed, message: "the first batch failed")
      }
      notes.append("journal: \(store.name), session \(session)")
      return .success(RunJournal(journal: journal, notes: notes))
    } catch {
      return .failure(
        PaperSetupError(
          message: "\(error.description)\nrefusing to trade without a journal (--store names another; docs/persistence.md)"
        ))
    }
  }

  /// [kernel-thread] Journals the checkpoint of round `round` at market time `time`.
  func round(_ round: Int, time: Int64, kernel: Kernel) {
    let cash = kernel.portfolio.cash
    journal.record(
      .round(
        RoundRecord(
          round: Int64(round), time: time, cash: cash.raw, equity: kernel.accountEquity.raw,
          precision: cash.currency.precision)))
  }

  /// A slot's running version as the journal keeps it.
  static func slotRecord(_ slot: Slot, time: Int64) -> SlotRecord {
    SlotRecord(
      time: time, slot: slot.id, name: slot.name, role: slot.role.rawValue,
      strategyID: slot.strategyID, version: slot.strategyVersion,
      sha256: slot.strategy.plugin.checksum?.digest)
  }

  /// The actions of the deployer that change what runs in a slot.
  static let deploymentActions: Set<String> = [
    "reload", "promote", "rollback", "role", "retired", "route",
  ]

  /// [kernel-thread] Journals an audit entry; a deployment action also as a deployment record
  /// with the slot's version after it.
  func audit(_ record: AuditRecord, kernel: Kernel?) {
    journal.record(
      .audit(
        AuditEntry(
          time: record.time, source: record.source.rawValue, scope: record.scope,
          action: record.action, from: record.from, to: record.to, reason: record.reason)))
    guard record.scope.hasPrefix("slot "), Self.deploymentActions.contains(record.action) else {
      return
    }
    let name = String(record.scope.dropFirst("slot ".count))
    journal.record(
      .deployment(
        DeploymentRecord(
          time: record.time, slot: name, action: record.action, detail: record.reason)))
    if let slot = kernel?.slots.first(where: { $0.name == name }) {
      journal.record(.slot(Self.slotRecord(slot, time: record.time)))
    }
  }
}

/// Lets the audit trail, made before the kernel and the journal, reach both once they exist.
/// Kernel-thread only.
final class JournalLink {
  var journal: RunJournal?
  weak var kernel: Kernel?
  /// The refused orders' file (a resumed session skips what its replay denies again).
  var denials: DenialFile?
}

extension RunJournal {
  /// [kernel-thread] Prints the store's failure once when it starts failing, and once when it
  /// recovers (new orders are refused in between: code 47).
  func reportFailure() {
    if !reportedMismatch, let mismatch = journal.replayMismatch {
      reportedMismatch = true
      printError(
        "journal: the resumed session's last round differs from what the session it continues journaled (\(mismatch)); both are kept, from here on this session journals what it does"
      )
    }
    let failing = journal.isFailing
    guard failing != reportedFailing else { return }
    reportedFailing = failing
    if failing, let failure = journal.failure {
      printError("journal: \(failure.description); new orders are refused until it recovers")
    } else if !failing {
      printError("journal: \(journal.storeName) recovered; orders are taken again", level: .notice)
    }
  }
}
