import CTradeHostPlugin
import PluginHost
import TradingModel

/// Bars resampled in the kernel (`SlotSpec.bars`): one `BarResampler` per instrument and series,
/// shared by every slot that subscribes to it, fed each event of its instrument on the kernel
/// thread; each closed bar goes to its slots' `on_bar` with `aggregation` and `step` set.
extension Kernel {
  /// [loader-thread or kernel-thread between events] Subscribes `slot` to its spec's series on
  /// each of its instruments, making the resamplers it needs (idempotent).
  func subscribeBars(slot: Int) {
    let spec = configuration.slots[slot]
    let instruments = spec.instruments ?? configuration.instruments.map(\.id)
    for instrument in instruments {
      for aggregation in spec.bars {
        let index: Int
        if let existing = resamplersOf[Int(instrument)].first(where: {
          resamplers[$0].aggregation == aggregation
        }) {
          index = existing
        } else {
          let definition = configuration.instruments[Int(instrument)]
          resamplers.append(
            BarResampler(
              instrument: instrument, aggregation: aggregation,
              pricePrecision: definition.pricePrecision, sizePrecision: definition.sizePrecision))
          resampledSubscribers.append([])
          index = resamplers.count - 1
          resamplersOf[Int(instrument)].append(index)
        }
        if !resampledSubscribers[index].contains(slot) {
          resampledSubscribers[index].append(slot)
          resampledSubscribers[index].sort()
        }
      }
    }
  }

  /// [kernel-thread] Delivers the time bars of the event's instrument whose period ended before
  /// the event.
  @inline(__always)
  func closeResampledBars(before event: MarketEvent) {
    for index in resamplersOf[Int(event.instrument)] {
      if let bar = resamplers[index].closeBefore(event.timestamp) { deliverResampled(bar, index) }
    }
  }

  /// [kernel-thread] Feeds the event to its instrument's resamplers and delivers what closes.
  @inline(__always)
  func resample(_ event: MarketEvent) {
    for index in resamplersOf[Int(event.instrument)] {
      let (early, closed) = resamplers[index].add(event)
      if let early { deliverResampled(early, index) }
      if let closed { deliverResampled(closed, index) }
    }
  }

  /// Calls `on_bar` of each slot subscribed to resampler `index`, as `forEachSubscriber` does for
  /// the feed's events.
  @inline(__always)
  private func deliverResampled(_ bar: Bar, _ index: Int) {
    var payload = bar.abi
    payload.aggregation = resamplers[index].aggregation.abiKind
    payload.step = resamplers[index].aggregation.abiStep
    counters.resampledBars += 1
    for slot in resampledSubscribers[index] {
      slots[slot].callbacks += 1
      stampCall(slot: slot, .onBar)
      var failure: PluginCallError?
      do throws(PluginCallError) {
        try slots[slot].strategy.onBar(payload)
      } catch {
        failure = error
      }
      callStamps.end()
      if let failure { pluginFailed(slot: slot, failure) }
      deliverPendingEvents()
    }
  }
}
