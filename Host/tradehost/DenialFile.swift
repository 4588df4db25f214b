import Kernel
import MarketData
import Risk

/// The paper host's journal of refused orders on disk: after every bar and timer tick the
/// denials the kernel journaled since the last look are appended to `denials.jsonl` in the
/// state folder, one JSON line each (time, slot, instrument, order id, code, reason). If the
/// host fell more than the kernel's ring behind, a line says how many were missed (they are
/// still in the per-reason counts).
///
/// The journal is bounded: past `limit` bytes the file is rotated to `denials.jsonl.1`
/// (replacing the previous one), so a strategy denied on every bar fills at most about twice
/// `limit` of the disk (`--denial-journal-mb`). Created 0600 like every state file.
///
/// Kernel thread only (between events).
final class DenialFile {
  /// The default size of `denials.jsonl` before it is rotated, in MiB.
  static let defaultLimitMiB = 16

  private let file: RotatingFile
  private var seen = 0
  /// Denial records lost since the file last failed (`nil` while writes succeed): one error is
  /// printed when writes start failing and one line when they succeed again, not one per batch.
  private var lostSinceFailure: Int?

  init(path: String, limit: Int) throws(RiskError) {
    file = try RotatingFile(path: path, what: "denial journal", limit: limit)
  }

  /// Counts the kernel's denials so far as written (a resumed session's replay denies again
  /// what the file has already).
  func skipSeen(_ kernel: Kernel) { seen = kernel.denialJournal.total }

  /// Appends the kernel's new denials.
  func drain(_ kernel: Kernel) {
    let journal = kernel.denialJournal
    guard journal.total > seen else { return }
    let (records, missed) = journal.records(after: seen)
    seen = journal.total
    var text = ""
    if missed > 0 { text += "{\"missed\":\(missed)}\n" }
    for record in records {
      var json = JSONText()
      json.beginObject()
      json.string("time", TimestampText.iso8601(record.time))
      json.string("slot", kernel.slots[record.slot].name)
      json.string(
        "instrument",
        Int(record.instrument) < kernel.configuration.instruments.count
          ? kernel.configuration.instruments[Int(record.instrument)].qualifiedSymbol
          : "#\(record.instrument)")
      json.int("order", Int(record.clientOrderID))
      json.int("code", Int(record.code))
      json.string("reason", kernel.denialReason(code: record.code)?.text.description ?? "")
      json.endObject()
      text += json.text + "\n"
    }
    if let error = file.append(text, sync: false) {
      if lostSinceFailure == nil {
        printError("denial journal: \(error) (refused orders are not written until it can be)")
      }
      lostSinceFailure = (lostSinceFailure ?? 0) + records.count
    } else if let lost = lostSinceFailure {
      printError("denial journal: writable again after \(lost) lost records")
      lostSinceFailure = nil
    }
  }
}
