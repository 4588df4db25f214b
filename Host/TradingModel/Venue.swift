/// A place where the kernel's orders go: the built-in simulator (`Execution.SimulatedVenue`) or an
/// exchange plugin instance (`PluginHost.PluginVenue`). The kernel talks to every venue through
/// this protocol only, in domain values; a C ABI, if any, is translated inside the implementation.
///
/// Implementation requirements:
/// - Every method is called on the kernel thread, one call at a time, and reports what happens
///   to orders through `sink` before it returns (synchronous venues) or from a later `poll`
///   (venues whose answers arrive on other threads: queue them, and hand them to the sink only
///   inside `poll`, on the kernel thread).
/// - Must not block, and should not allocate per call on the backtest path.
/// - Must never call the sink for an order it was not given, never report more filled than an
///   order's quantity, and never report an event twice; an implementation that wraps a foreign
///   venue checks these and reports a breach with `VenueSink.venueFault` instead of passing it on.
/// - Must not call back into the kernel other than through `sink`.
public protocol Venue: AnyObject {
  /// The venue's name in logs and errors ("simulator", an exchange plugin's id).
  var name: String { get }
  /// What the venue takes: the kernel denies an order the venue did not declare.
  var capabilities: VenueCapabilities { get }
  /// Whether the kernel must call `poll` after every event and timer tick (venues that hear from
  /// other threads or keep their own clock); `false` for the simulator.
  var needsPolling: Bool { get }
  /// What happens to the venue's working orders while the kernel thread is stuck in a plugin
  /// call (the kill switch reports it; default `.mayFill`).
  var whileKernelStuck: StuckKernelExposure { get }
  /// How a kill reaches the venue's working orders while the kernel thread is stuck (an
  /// exchange adapter's open-order query and cancel); `nil` (the default) when it cannot.
  var controlSideCancel: (any ControlSideCancel)? { get }

  /// [kernel-thread] Takes an order the risk gate approved (state `submitted`). `immediate`
  /// asks a simulating venue to fill a market order now at its current price (the flatten on
  /// stop, when no later event will come).
  func submit(_ order: Order, at now: Int64, immediate: Bool, sink: some VenueSink)

  /// [kernel-thread] Asks to cancel an open order; `false` when the venue has no such open order.
  func cancel(_ clientOrderID: ClientOrderID, at now: Int64, sink: some VenueSink) -> Bool

  /// [kernel-thread] Asks to change an open order (the venue declared `.amend`); `false` when
  /// the venue has no such open order. The answer arrives through `sink`: `venueAmended` or
  /// `venueAmendRejected`, before the call returns (the simulator) or from a later `poll`.
  func amend(
    _ clientOrderID: ClientOrderID, to amendment: OrderAmendment, at now: Int64,
    sink: some VenueSink
  ) -> Bool

  /// The open order `clientOrderID` as the venue last reported it, or `nil` when it is not
  /// open here.
  func openOrder(_ clientOrderID: ClientOrderID) -> Order?

  /// [kernel-thread] Cancels the open orders of `slot` (every slot when `nil`) in `instrument`
  /// (every instrument when `nil`), in submission order; returns how many it cancelled or asked
  /// to cancel.
  @discardableResult
  func cancelAll(
    slot: SlotID?, instrument: InstrumentID?, reason: StaticString, at now: Int64,
    sink: some VenueSink
  ) -> Int

  /// [kernel-thread] A market event of an instrument this venue trades, before any strategy sees
  /// it: a simulating venue matches its open orders against it; a live venue ignores it.
  func marketEvent(_ event: MarketEvent, sink: some VenueSink)

  /// [kernel-thread] Hands over what arrived since the last call (see `needsPolling`).
  func poll(at now: Int64, sink: some VenueSink)

  /// Whether a market order for `instrument` can be priced now (the kernel denies one that
  /// cannot with "no market price yet").
  func hasReference(_ instrument: InstrumentID) -> Bool

  /// The slot that owns the open order `clientOrderID`, or `nil` when it is not open here.
  func openOrderSlot(_ clientOrderID: ClientOrderID) -> SlotID?

  /// Whether the venue is the source of its instruments' market data in this session (a live
  /// adapter in `tradehost run`): the session's own feed skips those instruments, and what the
  /// venue streams (`takeStreamedEvent`) goes through the kernel's market-event path instead.
  /// `false` (the default) for the simulator and for every venue in a backtest, where the
  /// host's files are the source.
  var streamsMarketData: Bool { get }

  /// [kernel-thread] The oldest market event the venue streamed, already checked (instrument,
  /// prices on the tick), or `nil`. Only asked of a venue that `streamsMarketData`; must not
  /// allocate.
  func takeStreamedEvent() -> MarketEvent?

  /// Whether the venue lives and dies with this process (the simulator): nobody outside the
  /// process ever sees its orders, so the journal need not be durable before one goes there.
  /// `false` (the default) makes the kernel wait for the journal before every order.
  var isInProcess: Bool { get }
}

extension Venue {
  public var isInProcess: Bool { false }
  public var streamsMarketData: Bool { false }
  public func takeStreamedEvent() -> MarketEvent? { nil }
}

/// What a venue's working orders do while the kernel thread is stuck in a plugin call, when the
/// control side cannot reach the venue.
public enum StuckKernelExposure: Sendable, Equatable {
  /// The venue matches orders only on the kernel thread (the simulator): nothing fills while
  /// the kernel is stuck, and the queued kill cancels the orders before the next event.
  case frozen
  /// The venue works on its own: orders may fill while the kernel is stuck (a kill then cancels
  /// them through the venue's `controlSideCancel` when it has one).
  case mayFill
}

extension Venue {
  public var whileKernelStuck: StuckKernelExposure { .mayFill }
  public var controlSideCancel: (any ControlSideCancel)? { nil }
}

/// Cancels a venue's working orders from a thread other than the kernel's while the kernel
/// thread is stuck in a plugin call: the kill switch's reach into a venue that works on its
/// own (an exchange adapter). What the venue reports about the cancelled orders reaches the
/// kernel when its thread returns.
public protocol ControlSideCancel: Sendable {
  /// [any-thread, not the kernel's] Asks the venue to cancel every order it reports open; what
  /// happened. May block as long as the venue's order query does.
  func cancelOpenOrders() -> ControlSideCancelReport
}

/// What a control-side cancel did at one venue.
public struct ControlSideCancelReport: Sendable, Equatable {
  /// Orders the venue reported open.
  public var open: Int
  /// Orders it accepted a cancel for.
  public var cancelled: Int
  /// Orders that closed between the query and the cancel (the venue no longer knew them).
  public var alreadyClosed: Int
  /// Each failure in words (the query, or one order's cancel), naming the order.
  public var failures: [String]

  public init(open: Int = 0, cancelled: Int = 0, alreadyClosed: Int = 0, failures: [String] = []) {
    self.open = open
    self.cancelled = cancelled
    self.alreadyClosed = alreadyClosed
    self.failures = failures
  }

  /// The report in words (`3 open orders: 3 cancelled at the venue`).
  public var summary: String {
    let failed = "NOT cancelled: \(failures.joined(separator: "; ")): cancel them at the venue"
    // Nothing open and a failure: the query itself failed, so what is open is unknown.
    if open == 0 && !failures.isEmpty { return failed }
    var parts: [String] = []
    if cancelled > 0 || open == 0 { parts.append("\(cancelled) cancelled at the venue") }
    if alreadyClosed > 0 { parts.append("\(alreadyClosed) closed meanwhile") }
    if !failures.isEmpty { parts.append(failed) }
    return "\(open) open order\(open == 1 ? "" : "s"): \(parts.joined(separator: ", "))"
  }
}
