import Kernel
import TradingModel

extension RiskWrapper {
  /// Applies queued manual controls, oldest first, each audited with its source.
  /// [kernel-thread] Called from `observe` and `idle` (may act on the kernel).
  func applyCommands() {
    for command in commands.drain() { apply(command) }
  }

  /// Applies one manual control now. A command naming a slot or an instrument this run does not
  /// have (or both at once) is audited as refused.
  public func apply(_ command: RiskCommand) {
    let failuresBefore = writeFailures
    defer {
      command.receipt?.complete(writeError: writeFailures == failuresBefore ? nil : lastWriteError)
    }
    let scope: RiskScope
    switch (command.slot, command.instrument) {
    case (nil, nil):
      scope = .account
    case (let name?, nil):
      guard let index = slots.firstIndex(where: { $0.name == name }) else {
        return refuse(command, scope: "slot \(name)", "no slot is named '\(name)'")
      }
      scope = .slot(index)
    case (nil, let symbol?):
      guard let index = instruments.firstIndex(where: { $0.instrument.qualifiedSymbol == symbol })
      else {
        return refuse(command, scope: "instrument \(symbol)", "no instrument is named '\(symbol)'")
      }
      scope = .instrument(InstrumentID(index))
    case (let name?, let symbol?):
      return refuse(
        command, scope: "slot \(name) instrument \(symbol)",
        "a control names a slot or an instrument, not both")
    }
    let values: [AuditRecord.Value] = [.init("requested_by", command.detail)]
    switch command.action {
    case .pause:
      latch(scope, to: .paused, reason: "paused by hand", source: command.source, values: values)
    case .reduce:
      latch(
        scope, to: .reducing, reason: "reduce-only by hand", source: command.source, values: values)
    case .resume:
      rebaseLossLimits(scope)
      latch(
        scope, to: .active, reason: "resumed by hand", source: command.source, values: values,
        force: true)
    case .unfreeze:
      guard deploymentsFrozen else { return }
      let now = kernel.now()
      deploymentsFrozen = false
      freezeReason = nil
      let equity = kernel.accountEquity.raw
      for day in weekPeaks.indices { weekPeaks[day] = min(weekPeaks[day], equity) }
      record(
        AuditRecord(
          time: now, source: command.source, action: "unfreeze", scope: "account", from: "frozen",
          to: "unfrozen", reason: "deployment freeze lifted by hand", values: values))
      stateChanged()
    case .kill:
      kill(scope, source: command.source, detail: command.detail)
    }
  }

  /// Audits a control that names nothing this run has.
  private func refuse(_ command: RiskCommand, scope: String, _ why: String) {
    record(
      AuditRecord(
        time: kernel.now(), source: command.source, action: command.action.rawValue,
        scope: scope, reason: "refused: \(why)",
        values: [.init("requested_by", command.detail)]))
  }

  /// A resume accepts the loss so far: the scope's drawdown and daily-loss references restart
  /// at its equity now, and a slot's losing streak at zero (otherwise the next event would trip
  /// the same limit again).
  private func rebaseLossLimits(_ scope: RiskScope) {
    switch scope {
    case .account:
      let equity = kernel.accountEquity.raw
      peakEquity = equity
      dayStartEquity = equity
    case .slot(let slot):
      let equity = kernel.slotEquity(slot).raw
      slots[slot].peakEquity = equity
      slots[slot].dayStartEquity = equity
      slots[slot].lossStreak = 0
    case .instrument, .venue:
      break
    }
  }

  /// The kill switch: cancel every resting order of the scope, then flatten its positions or
  /// keep them (the kill policy), and halt it until an explicit resume.
  private func kill(_ scope: RiskScope, source: AuditSource, detail: String) {
    let slot: SlotID? = if case .slot(let index) = scope { index } else { nil }
    let only: InstrumentID? = if case .instrument(let id) = scope { id } else { nil }
    let cancelled = kernel.cancelOrders(
      slot: slot, instrument: only, reason: "cancelled: kill switch")
    var closing = 0
    if configuration.killPolicy == .flatten {
      for index in slots.indices where slot == nil || slot == index {
        for instrument in 0..<instrumentCount
        where (only == nil || Int(only!) == instrument)
          && positions[index * instrumentCount + instrument] != 0
        {
          if kernel.closePosition(slot: index, instrument: InstrumentID(instrument)) != nil {
            closing += 1
          }
        }
      }
    }
    record(
      AuditRecord(
        time: kernel.now(), source: source, action: "kill", scope: scopeName(scope),
        reason: configuration.killPolicy == .flatten
          ? "kill switch: orders cancelled, positions closed at market"
          : "kill switch: orders cancelled, positions kept (freeze)",
        values: [
          .init("requested_by", detail), .init("orders_cancelled", String(cancelled)),
          .init("positions_closing", String(closing)),
          .init("policy", configuration.killPolicy.rawValue),
        ]))
    // The kill cancelled the scope's orders itself, before flattening.
    latch(
      scope, to: .halted, reason: "kill switch", source: source,
      values: [.init("requested_by", detail)], cancelsOnHalt: false)
  }
}
