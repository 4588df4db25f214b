import CTradeHostPlugin
import PluginHost
import TradingModel

/// Slot management for hot reload and deployments: replacing a slot's strategy between two
/// events, retiring a slot, changing its role.
///
/// Kernel-thread only, between events (the supervisor's `service` and `due`, or a driver
/// between two `process` calls); never from inside a strategy callback.
extension Kernel {
  /// How a replacement strategy gets its starting state.
  public enum Handover {
    /// Import the predecessor's exported state (its version and bytes).
    case state(version: UInt32, bytes: [UInt8])
    /// Replay the kernel's recent events (`history`) to the new instance.
    case history
  }

  /// What a replacement did.
  public struct Replacement {
    /// The instance that was running before (kept by the caller for a rollback).
    public let previous: StrategyInstance
    /// Whether the predecessor's state was imported.
    public let importedState: Bool
    /// Past events replayed to the new instance (0 with a state handover).
    public let warmupEvents: Int
    /// Why a state handover fell back to the history (the new version refused the state's
    /// version), or `nil`.
    public let stateRefused: String?
  }

  /// The risk gate's trading state of `slot` (`active`, `reducing`, `paused`, `halted`).
  public func tradingState(slot: SlotID) -> String { gate.stateName(slot: slot) }

  /// Whether `slot`'s plugin-health breaker is open.
  public func breakerOpen(slot: SlotID) -> Bool { gate.breakerOpen(slot: slot) }

  /// Whether the risk gate froze automatic deployments.
  public var deploymentsFrozen: Bool { gate.deploymentsFrozen }

  /// The index of the slot named `name`.
  public func slotIndex(named name: String) -> SlotID? {
    slots.firstIndex { $0.name == name }
  }

  /// The slot's running strategy's exported state (version 0 and no bytes: it keeps none).
  public func exportState(slot: SlotID) throws(PluginCallError) -> (version: UInt32, bytes: [UInt8])
  {
    try slots[slot].strategy.exportState()
  }

  /// Makes `instance` the strategy of `slot`: it gets its starting state (`handover`), then
  /// receives every event after the current one. Open orders and positions stay with the slot;
  /// their later events go to the new instance. On any failure (the import fails, or the
  /// instance returns an error while warming) nothing changes and the error says which step
  /// failed. A state whose version the new instance refuses (`TH_ERR_STATE_VERSION`) falls
  /// back to warming from history.
  ///
  /// `instance` must have been created with this kernel as its environment. While warming, its
  /// intents are dropped (see `submit`). Allocation: only what the plugin's import does.
  public func replaceStrategy(
    slot: SlotID, with instance: StrategyInstance, handover: Handover
  ) throws(KernelError) -> Replacement {
    guard slots.indices.contains(slot) else { throw KernelError("no slot \(slot)") }
    let name = slots[slot].name
    instance.context.tag = slot
    instance.context.label = name
    instance.context.warming = true
    defer { instance.context.warming = false }
    var imported = false
    var refused: String?
    if case .state(let version, let bytes) = handover {
      do throws(PluginCallError) {
        try instance.importState(version: version, bytes: bytes)
        imported = true
      } catch  where error.status == th_status(TH_ERR_STATE_VERSION) {
        refused = error.description
      } catch {
        instance.context.tag = -1
        throw KernelError("the new version's import_state failed: \(error)")
      }
    }
    var replayed = 0
    if !imported {
      do throws(PluginCallError) {
        try warm(instance, slot: slot, replayed: &replayed)
      } catch {
        instance.context.tag = -1
        throw KernelError(
          "warming the new version failed at past event \(replayed + 1) of \(history.count): \(error)"
        )
      }
    }
    let previous = slots[slot].strategy
    slots[slot].strategy = instance
    slots[slot].strategyID = instance.plugin.id
    slots[slot].strategyVersion = instance.plugin.manifest.version.description
    slots[slot].swaps += 1
    previous.context.tag = -1
    return Replacement(
      previous: previous, importedState: imported, warmupEvents: replayed, stateRefused: refused)
  }

  /// Replays the kept events of the slot's instruments to `instance`, oldest first.
  private func warm(_ instance: StrategyInstance, slot: SlotID, replayed: inout Int)
    throws(PluginCallError)
  {
    try history.forEach { (event: MarketEvent) throws(PluginCallError) in
      guard subscribers[Int(event.instrument)].contains(slot) else { return }
      switch event {
      case .bar(let bar): try instance.onBar(bar.abi)
      case .quote(let quote): try instance.onQuote(quote.abi)
      case .trade(let trade): try instance.onTrade(trade.abi)
      }
      replayed += 1
    }
  }

  /// Takes `slot` out of trading: its resting orders are cancelled, its positions closed with
  /// host orders (reduce-only IOC market), and it receives no more market events. Returns the
  /// number of closing orders sent. Idempotent.
  @discardableResult
  public func retire(slot: SlotID, reason: StaticString) -> Int {
    guard !slots[slot].isRetired else { return 0 }
    cancelOrders(slot: slot, instrument: nil, reason: reason)
    var closing = 0
    for instrument in configuration.instruments.indices {
      let id = InstrumentID(instrument)
      if !portfolio.position(slot: slot, instrument: id).isFlat,
        closePosition(slot: slot, instrument: id, quantity: nil, tag: 0) != nil
      {
        closing += 1
      }
    }
    slots[slot].isRetired = true
    slots[slot].retiredBecause = reason.description
    for index in subscribers.indices { subscribers[index].removeAll { $0 == slot } }
    for index in resampledSubscribers.indices { resampledSubscribers[index].removeAll { $0 == slot } }
    deliverPendingEvents()
    return closing
  }

  /// Brings a retired slot back into trading: it receives market events again from the next
  /// one, trading on what its sub-ledger kept (its positions were closed when it retired).
  /// The caller swaps the version it should run in (`replaceStrategy`) right after. Idempotent.
  public func reinstate(slot: SlotID) {
    guard slots[slot].isRetired else { return }
    slots[slot].isRetired = false
    slots[slot].retiredBecause = nil
    let instruments = configuration.slots[slot].instruments ?? configuration.instruments.map(\.id)
    for instrument in instruments {
      subscribers[Int(instrument)].append(slot)
      subscribers[Int(instrument)].sort()
    }
    subscribeBars(slot: slot)
  }

  /// Changes an on-book slot's role (production, canary, ab). A slot cannot move on or off
  /// the account's books at run time (into or out of `shadow`): its capital would appear or
  /// vanish.
  public func setRole(_ role: SlotRole, slot: SlotID) throws(KernelError) {
    let current = slots[slot].role
    guard current.isOnBook == role.isOnBook else {
      throw KernelError(
        "slot '\(slots[slot].name)' is \(current.rawValue): a slot cannot move \(role.isOnBook ? "out of" : "into") shadow while the host runs (its capital is \(current.isOnBook ? "on" : "off") the account's books)"
      )
    }
    slots[slot].role = role
  }
}
