import PluginHost
import TradingModel

/// One strategy slot while a run is live: the strategy instance and the slot's counters. Its
/// cash and positions live in the portfolio's sub-ledger of the same index. The instance can be
/// replaced between two events (`Kernel.replaceStrategy`, hot reload); the counters and the
/// sub-ledger stay with the slot.
///
/// Owned by the kernel; kernel-thread only.
public final class Slot {
  /// The slot's index (its sub-ledger in the portfolio; `InstanceContext.tag`).
  public let id: SlotID
  /// The slot's name.
  public let name: String
  /// The strategy plugin's id and version (of the running instance).
  public internal(set) var strategyID: String
  public internal(set) var strategyVersion: String
  /// What the slot is for.
  public internal(set) var role: SlotRole
  /// A retired slot gets no more market events (its orders were cancelled and its positions
  /// closed when it retired).
  public internal(set) var isRetired = false
  /// Why the slot retired (`nil` while it trades).
  public internal(set) var retiredBecause: String?
  /// The running strategy.
  public internal(set) var strategy: StrategyInstance
  /// Times the strategy instance was replaced.
  public internal(set) var swaps = 0
  /// Order intents received, approved (sent to the venue) and denied.
  public internal(set) var intents = 0
  public internal(set) var ordersSubmitted = 0
  public internal(set) var denials = 0
  /// `denials` by reason code (clamped to 0...255, as the kernel's own counts).
  var denialCounts = [Int](repeating: 0, count: 256)
  /// Callbacks made into the strategy (market events and order events).
  public internal(set) var callbacks = 0
  /// Errors the strategy returned from its callbacks.
  public internal(set) var pluginErrors = 0
  /// Order events dropped because the slot was handed too many in one kernel step (a
  /// strategy answering its order events with new orders, `Kernel.orderEventsPerStep`).
  public internal(set) var droppedOrderEvents = 0
  /// The kernel step of `stepDeliveries`, and the order events handed to the slot in it.
  var deliveryStep: UInt64 = 0
  var stepDeliveries = 0
  /// The last plugin error's text (kept for status; set on the error path only).
  public internal(set) var lastError: String?

  init(id: SlotID, name: String, role: SlotRole, strategy: StrategyInstance) {
    self.id = id
    self.name = name
    self.role = role
    self.strategy = strategy
    self.strategyID = strategy.plugin.id
    self.strategyVersion = strategy.plugin.manifest.version.description
  }
}
