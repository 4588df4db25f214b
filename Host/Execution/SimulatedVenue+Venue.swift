import TradingModel

/// The simulator behind the kernel's one venue seam. Its order types, times in force and
/// reduce-only orders are all declared; it does not amend, link orders (OCO) or keep a dead
/// man's switch (it never loses the host).
extension SimulatedVenue: Venue {
  public var name: String { "simulator" }

  public var capabilities: VenueCapabilities {
    VenueCapabilities(orderTypes: .all, timesInForce: .all, features: [.reduceOnly])
  }

  /// The simulator answers every call before it returns: nothing to poll.
  public var needsPolling: Bool { false }
  /// The simulator's orders never leave the process.
  public var isInProcess: Bool { true }
  /// The simulator matches only inside `marketEvent`, on the kernel thread.
  public var whileKernelStuck: StuckKernelExposure { .frozen }

  /// [kernel-thread] Matches resting orders against the event (`match`).
  @inline(__always)
  public func marketEvent(_ event: MarketEvent, sink: some VenueSink) {
    match(event, sink: sink)
  }

  public func poll(at now: Int64, sink: some VenueSink) {}

  public func openOrderSlot(_ clientOrderID: ClientOrderID) -> SlotID? {
    restingOrderSlot(clientOrderID)
  }
}
