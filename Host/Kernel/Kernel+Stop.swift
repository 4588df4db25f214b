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
    let now = clock.now()
    venue.cancelAll(at: now, delegate: self)
    if policy == .flatten {
      for slot in slots.indices {
        for instrument in configuration.instruments {
          let position = portfolio.position(slot: slot, instrument: instrument.id).quantity
          guard position.raw != 0, venue.hasReference(instrument.id) else { continue }
          let order = Order(
            clientOrderID: nextClientOrderID, slot: slot, instrument: instrument.id,
            side: position.raw > 0 ? .sell : .buy, quantity: position.magnitude, type: .market,
            timeInForce: .ioc, reduceOnly: true, createdAt: now)
          nextClientOrderID += 1
          route(order, at: now, immediate: true)
        }
      }
    }
    deliverPendingEvents()
    recorder.record(
      timestamp: now, equity: equityTracker.equity(cash: portfolio.cash),
      inMarket: equityTracker.openPositions > 0)
  }
}
