import TradingModel

/// The simulator behind the kernel's one venue seam. It declares every order type and time in
/// force, reduce-only, post-only, linked orders (OCO, parent) and amends; it keeps no dead
/// man's switch (it never loses the host).
extension SimulatedVenue: Venue {
  public var name: String { "simulator" }

  public var capabilities: VenueCapabilities {
    VenueCapabilities(
      orderTypes: .all, timesInForce: .all, features: [.reduceOnly, .postOnly, .oco, .amend])
  }

  /// The simulator answers every call before it returns: nothing to poll.
  public var needsPolling: Bool { false }
  /// The simulator's orders never leave the process.
  public var isInProcess: Bool { true }
  /// The simulator matches only inside `marketEvent`, on the kernel thread.
  public var whileKernelStuck: StuckKernelExposure { .frozen }

  /// [kernel-thread] `place`, its answer reported through `sink` only.
  @inline(__always)
  public func submit(_ order: Order, at now: Int64, immediate: Bool, sink: some VenueSink) {
    place(order, at: now, immediate: immediate, sink: sink)
  }

  /// [kernel-thread] Matches open orders against the event (`match`).
  @inline(__always)
  public func marketEvent(_ event: MarketEvent, sink: some VenueSink) {
    match(event, sink: sink)
  }

  public func poll(at now: Int64, sink: some VenueSink) {}

  public func openOrderSlot(_ clientOrderID: ClientOrderID) -> SlotID? {
    restingOrderSlot(clientOrderID)
  }
}
