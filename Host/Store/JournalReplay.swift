import TradingModel

/// What the earlier sessions of a chain journaled, which a resumed session reproduces by
/// replaying its market and must not write again: their orders, order events, fills, amends,
/// round checkpoints and rule-driven audit entries, each kind in journal order.
///
/// The journal of a session is a prefix of what it did (records are written in order), and a
/// resumed session journals only what comes after that prefix, so the chain's records of one
/// kind, concatenated, are a prefix of that kind in a run that was never killed. A replay that
/// hands the journal the same sequence therefore skips exactly the first `n` records of each
/// kind, checking each against the journal; the first that differs ends the replay (nothing more
/// is skipped) and is kept as `mismatch`.
///
/// Kernel-thread only (the journal's producer side).
public struct JournalReplay: Sendable {
  /// Audit sources whose entries a replay reproduces (the others come from people, files,
  /// signals and the host's own start, which a replay does not repeat).
  public static let replayedAuditSources: Set<String> = ["rule", "breaker"]

  private var orders: [OrderRecord] = []
  private var events: [OrderEventRecord] = []
  private var fills: [Fill] = []
  private var rounds: [RoundRecord] = []
  private var audit: [AuditEntry] = []
  private var amendments: [AmendmentRecord] = []
  private var next = [Int](repeating: 0, count: 6)
  /// The first record the replay did not reproduce, described (`nil`: none so far).
  public private(set) var mismatch: String?
  /// Records reproduced and skipped so far.
  public private(set) var skipped = 0

  /// The records of `logs` (oldest session first) a replay must reproduce.
  public init(logs: [SessionLog]) {
    for log in logs {
      orders += log.orders
      events += log.orderEvents
      fills += log.fills
      rounds += log.rounds
      audit += log.audit.filter { Self.replayedAuditSources.contains($0.source) }
      amendments += log.amendments
    }
  }

  /// Fills reproduced and skipped so far (the first ones of the chain's).
  public var fillsReproduced: Int { next[2] }

  /// Records still expected.
  public var remaining: Int {
    orders.count + events.count + fills.count + rounds.count + audit.count + amendments.count
      - next.reduce(0, +)
  }

  /// Whether `record` is the next expected one of its kind (it was journaled already: the
  /// journal drops it). A record of a kind the replay does not track, or past the expected ones,
  /// answers `false`; so does a differing one, which ends the replay.
  public mutating func consume(_ record: JournalRecord) -> Bool {
    switch record {
    case .order(let order): return match(order, in: orders, kind: 0, "order")
    case .orderEvent(let event): return match(event, in: events, kind: 1, "order event")
    case .fill(let fill): return match(fill, in: fills, kind: 2, "fill")
    case .round(let round): return match(round, in: rounds, kind: 3, "round")
    case .amendment(let amendment):
      return match(amendment, in: amendments, kind: 5, "amendment")
    case .audit(let entry) where Self.replayedAuditSources.contains(entry.source):
      return match(entry, in: audit, kind: 4, "audit entry")
    default: return false
    }
  }

  private mutating func match<Record: Equatable>(
    _ record: Record, in expected: [Record], kind: Int, _ name: String
  ) -> Bool {
    let index = next[kind]
    // The journal is a prefix of the run: once one kind is past it, every kind is.
    guard index < expected.count else {
      if remaining > 0 {
        end(
          "\(name) #\(index + 1): the replay made \(record), beyond the journal's \(expected.count), while \(remaining) journaled records of other kinds were still to come"
        )
      }
      return false
    }
    guard expected[index] == record else {
      end("\(name) #\(index + 1): the journal has \(expected[index]), the replay made \(record)")
      return false
    }
    next[kind] = index + 1
    skipped += 1
    return true
  }

  /// Ends the replay at its first difference.
  private mutating func end(_ difference: String) {
    mismatch = difference
    orders = []
    events = []
    fills = []
    rounds = []
    audit = []
    amendments = []
    next = [Int](repeating: 0, count: 6)
  }
}
