import Kernel
import Risk
import Store
import TradingModel

/// Resuming a chain of sessions after an unclean exit (docs/persistence.md, "Crash recovery"):
/// the seeded market is replayed up to the last round the chain committed, through the same
/// kernel, strategies, risk wrapper and simulator, while the journal checks every order, order
/// event, fill, rule-driven audit entry and round checkpoint against what the chain journaled
/// and writes none of them again (nor the audit log's lines: `AuditTrail.expectRewrites`). Then the books are rebuilt from the store's fills and compared
/// with the replay's, the latched risk states saved last are re-applied, and the findings are
/// said. Any difference refuses the run: it would not continue the same session.
struct RunRecovery {
  let resume: ResumePoint
  let wrapper: RiskWrapper
  /// The latched risk states the last session saved (`risk-state.json`), re-applied after the
  /// replay; `nil` when the file had none.
  let saved: RiskStateSnapshot?
  /// The audit log's lines from the chain's market start on (`AuditLines.since`).
  var auditLines: [String] = []

  /// [kernel-thread] Replays the chain on `session` and checks it; returns the lines to print,
  /// or why this run must not continue the chain.
  func recover(session: PaperSession, journal: RunJournal, denials: DenialFile?) -> Result<
    [String], PaperSetupError
  > {
    let kernel = session.kernel
    let rounds = resume.rounds
    let clock = ContinuousClock()
    let started = clock.now
    journal.journal.discardsAfterMismatch = true
    // The chain wrote the replay's audit records already (and maybe some past its journal's end).
    wrapper.audit.expectRewrites(auditLines)
    let done = session.catchUp(rounds: rounds)
    journal.journal.discardsAfterMismatch = false
    let elapsed = clock.now - started
    let names = resume.sessions.map(String.init).joined(separator: ", ")
    func refuse(_ problem: String) -> Result<[String], PaperSetupError> {
      .failure(
        PaperSetupError(
          message: "cannot resume session \(resume.session) (chain \(names)): \(problem); nothing was traded. Start with --store on another store to begin elsewhere (docs/persistence.md)"
        ))
    }
    guard done == rounds else {
      return refuse("the market ended after \(done) of the \(rounds) rounds the journal holds")
    }
    if let mismatch = journal.journal.replayMismatch {
      return refuse("the replay of its market differs from its journal at \(mismatch)")
    }
    // The fills the replay reached; those the dead session journaled after its last checkpoint
    // come with the next round.
    let fills = Array(resume.logs.flatMap(\.fills).prefix(journal.journal.replayFills))
    switch Self.ledger(of: kernel, fills: fills) {
    case .failure(let problem): return refuse(problem.text)
    case .success(let ledger):
      for slot in 0..<ledger.slotCount where ledger.ledger(slot) != kernel.portfolio.ledger(slot) {
        return refuse(
          "slot \(kernel.slots[slot].name)'s books from the journal's fills differ from the replay's")
      }
    }
    if let saved { wrapper.reapply(saved) }
    denials?.skipSeen(kernel)
    let milliseconds = elapsed.components.seconds * 1000
      + elapsed.components.attoseconds / 1_000_000_000_000_000
    var lines = [
      "recovered: resuming session \(resume.session) (chain \(names)): replayed \(rounds) rounds of its market in \(milliseconds) ms; \(journal.journal.replaySkipped) journaled records reproduced exactly (\(fills.count) fills), none written twice; \(journal.journal.replayRemaining) more from its last round follow"
    ]
    lines += Self.books(kernel: kernel, wrapper: wrapper)
    return .success(lines)
  }

  /// The account rebuilt from the store: the run's starting capital and the chain's fills.
  static func ledger(of kernel: Kernel, fills: [Fill]) -> Result<Portfolio, LedgerProblem> {
    let configuration = kernel.configuration
    var ledger: Portfolio
    do throws(PortfolioError) {
      ledger = try Portfolio(
        currency: configuration.currency, instruments: configuration.instruments,
        slotCapital: configuration.slots.map(\.capital),
        offBook: Set(configuration.slots.indices.filter { !configuration.slots[$0].role.isOnBook }))
    } catch {
      return .failure(LedgerProblem(text: "the account cannot be opened (\(error))"))
    }
    for fill in fills {
      guard fill.slot < ledger.slotCount, Int(fill.instrument) < configuration.instruments.count,
        fill.fee.currency == configuration.currency
      else {
        return .failure(
          LedgerProblem(
            text: "the journal has a fill of order \(fill.clientOrderID) this run cannot book (slot \(fill.slot), instrument \(fill.instrument), fee in \(fill.fee.currency))"))
      }
      do throws(LedgerOverflow) {
        _ = try ledger.apply(fill)
      } catch {
        return .failure(
          LedgerProblem(text: "the journal's fill of order \(fill.clientOrderID) overflows the books (\(error))"))
      }
    }
    return .success(ledger)
  }

  /// Why the books could not be rebuilt from the journal.
  struct LedgerProblem: Error {
    let text: String
  }

  /// What the resumed session holds: cash, equity, positions, open orders, the peak equity the
  /// loss limits measure from, the latched risk states and the slots.
  static func books(kernel: Kernel, wrapper: RiskWrapper) -> [String] {
    let portfolio = kernel.portfolio
    let currency = portfolio.currency
    var positions: [String] = []
    for slot in kernel.slots {
      for instrument in kernel.configuration.instruments {
        let position = portfolio.position(slot: slot.id, instrument: instrument.id)
        guard !position.isFlat else { continue }
        let size = FixedPoint.format(abs(position.quantity.raw), precision: position.quantity.precision)
        positions.append(
          "\(slot.name) \(position.quantity.raw > 0 ? "long" : "short") \(size) \(instrument.qualifiedSymbol) at \(FixedPoint.format(position.averageOpenPrice.raw, precision: position.averageOpenPrice.precision))"
        )
      }
    }
    let open = kernel.simulator?.restingOrders ?? []
    let orders = open.prefix(5).map {
      "#\($0.clientOrderID) \(kernel.slots[$0.slot].name) \($0.side) \($0.leavesQuantity)"
    }
    let snapshot = wrapper.snapshot()
    var states = ["account \(snapshot.account.state)"]
    states += snapshot.slots.sorted { $0.key < $1.key }.map { "slot \($0.key) \($0.value.state)" }
    states += snapshot.instruments.sorted { $0.key < $1.key }.map {
      "\($0.key) \($0.value.state)"
    }
    let slots = kernel.slots.map { "\($0.name) (\($0.role.rawValue): \($0.strategyID) \($0.strategyVersion))" }
    return [
      "  books: cash \(portfolio.cash), equity \(portfolio.equity), positions: \(positions.isEmpty ? "flat" : positions.joined(separator: ", "))",
      "  open orders at the simulator: \(open.isEmpty ? "none" : orders.joined(separator: ", ") + (open.count > 5 ? ", and \(open.count - 5) more" : ""))",
      "  peak equity \(Money(raw: wrapper.accountPeakEquity, currency: currency)) (the drawdown limit measures from it); risk: \(states.joined(separator: ", "))",
      "  slots: \(slots.joined(separator: ", "))",
    ]
  }
}
