/// What a run has done so far. Plain counters, kernel-thread only.
public struct KernelCounters: Sendable, Equatable {
  /// Market events processed, by kind.
  public var events = 0
  public var bars = 0
  public var quotes = 0
  public var trades = 0
  /// Bars the kernel resampled for slots (`SlotSpec.bars`), each counted once however many
  /// slots receive it.
  public var resampledBars = 0
  /// Order intents from strategies, orders sent to the venue, intents denied.
  public var intents = 0
  public var orders = 0
  public var denials = 0
  /// Fills, cancels (including IOC remainders), expiries, venue rejections.
  public var fills = 0
  public var cancels = 0
  public var expiries = 0
  public var rejections = 0
  /// Fills and marks the ledger refused because an amount would exceed what it can hold
  /// (`LedgerOverflow`): the books stayed as they were.
  public var refusedFills = 0
  public var refusedMarks = 0
  /// Venue faults: errors and malformed, duplicate or impossible events refused at the seam.
  public var venueFaults = 0
  /// Errors returned by strategy callbacks.
  public var pluginErrors = 0
  /// Orders the host sent on a slot's behalf (risk exits, kill and stop flattening).
  public var hostOrders = 0
  /// Order events dropped: a slot was handed more than `Kernel.orderEventsPerStep` in one step.
  public var droppedOrderEvents = 0
  /// Amends strategies asked for, amends venues confirmed, and amends refused (by the kernel's
  /// checks, the risk gate or the venue).
  public var amendRequests = 0
  public var amends = 0
  public var amendRejections = 0
  /// Order intents of strategies being warmed with past events (dropped, never sent).
  public var warmupIntents = 0
}
