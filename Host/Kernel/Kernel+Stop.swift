import Execution
import TradingModel

/// What happens to open positions when a run stops.
public enum StopPolicy: String, Sendable, CaseIterable {
  /// Cancel resting orders and close every position at the last price: reduce-only IOC market
  /// orders through the same venue and ledger as any order. The gate is not asked (closing
  /// exposure is always allowed).
  case flatten
  /// Cancel resting orders and leave positions open (reported as open).
  case keep
}

extension Kernel {
  /// [kernel-thread] Ends a run: cancels every resting order, then closes every slot's open
  /// positions when `policy` is `.flatten`. Order events reach the strategies as usual.
  public func stop(policy: StopPolicy) {
    step &+= 1
    let now = clock.now()
    for venue in venues.indices {
      stampVenueCall(venue, .venueCancelAll)
      venues[venue].cancelAll(
        slot: nil, instrument: nil, reason: "cancelled: the run is stopping", at: now, sink: self)
      callStamps.endVenue()
    }
    if policy == .flatten {
      for slot in slots.indices {
        for instrument in configuration.instruments {
          closePosition(slot: slot, instrument: instrument.id)
        }
      }
    }
    deliverPendingEvents()
    recorder.record(
      timestamp: now, equity: equityTracker.equity(cash: portfolio.cash),
      inMarket: equityTracker.openPositions > 0)
  }
}
