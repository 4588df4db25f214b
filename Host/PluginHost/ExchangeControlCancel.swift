import CTradeHostPlugin
import Synchronization
import TradingModel

/// The kill switch's reach into an exchange plugin while the kernel thread is stuck in a plugin
/// call: cancels, from the calling thread, every order the host sent to the adapter that has
/// not closed. It uses only `cancel_order`, which the ABI requires an adapter to take from any
/// thread, also beside another call; the events the adapter emits for the cancels wait in the
/// venue's inbox until the kernel thread returns.
///
/// The orders it knows mirror `PluginVenue.open`: the venue reports each order it sends
/// (`opened`, before the adapter sees it) and each it closes (`closed(at:)`, the same index).
/// The mirror is allocated once, as large as the venue's order table; the kernel thread takes
/// its lock once per order sent or closed, never per market event.
///
/// Thread safety: `opened` and `closed` on the kernel thread; `cancelOpenOrders` on any other.
/// It has its own error record, so it never writes the one the kernel thread's calls use;
/// cancels serialise on a lock of their own.
public final class ExchangeControlCancel: ControlSideCancel, @unchecked Sendable {
  // @unchecked: `exchange` is only used for `cancel_order` (an any-thread ABI call) with
  // `record`, which is only touched under `cancelling`; `sent` is a Mutex.
  private let exchange: ExchangeInstance
  private let record = ErrorRecord()
  private let cancelling = Mutex(())
  private let sent: Mutex<[UInt64]>

  /// A canceller for `exchange`, whose venue keeps at most `capacity` orders open.
  init(_ exchange: ExchangeInstance, capacity: Int) {
    self.exchange = exchange
    var ids: [UInt64] = []
    ids.reserveCapacity(capacity)
    sent = Mutex(ids)
  }

  /// [kernel-thread] The venue appended the order `clientOrderID` to its open orders.
  func opened(_ clientOrderID: UInt64) {
    sent.withLock { $0.append(clientOrderID) }
  }

  /// [kernel-thread] The venue removed its open order at `index`.
  func closed(at index: Int) {
    sent.withLock { _ = $0.remove(at: index) }
  }

  /// [any-thread, not the kernel's] Cancels each order sent and not closed; an order the
  /// adapter no longer knows (`TH_ERR_NOT_FOUND`: it closed meanwhile, or never arrived) is
  /// counted as closed, any other failure is named in the report.
  public func cancelOpenOrders() -> ControlSideCancelReport {
    cancelling.withLock { _ in
      // A copy in new storage: the kernel thread's array keeps its own buffer.
      let ids = sent.withLock { $0.map { $0 } }
      var report = ControlSideCancelReport(open: ids.count)
      for id in ids {
        do throws(PluginCallError) {
          try exchange.cancel(clientOrderID: id, using: record)
          report.cancelled += 1
        } catch where error.status == th_status(TH_ERR_NOT_FOUND) {
          report.alreadyClosed += 1
        } catch {
          report.failures.append("order \(id): \(error)")
        }
      }
      return report
    }
  }
}
