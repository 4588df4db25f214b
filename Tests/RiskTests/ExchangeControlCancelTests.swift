import CTradeHostPlugin
import Foundation
import PluginHost
import Testing
import TradingModel

@testable import Kernel

/// The kill switch's cancel from the control side (`ExchangeControlCancel`): while the kernel
/// thread is busy elsewhere, another thread asks the exchange plugin for its open orders and
/// cancels each; the cancels reach the kernel when it next drains the venue.
@Suite("Control-side cancel at an exchange plugin")
struct ExchangeControlCancelTests {
  typealias F = RiskFixture

  /// A report handed from one thread to another.
  final class Handover: @unchecked Sendable {
    // @unchecked: written once by the thread before `done` is signalled, read after.
    var value: ControlSideCancelReport?
  }

  /// Runs `body` on a thread of its own (not the test's, which stands for the kernel's) and
  /// returns its report.
  static func onAnotherThread(
    _ body: @escaping @Sendable () -> ControlSideCancelReport
  ) -> ControlSideCancelReport {
    let done = DispatchSemaphore(value: 0)
    let result = Handover()
    Thread {
      result.value = body()
      done.signal()
    }.start()
    done.wait()
    return result.value!
  }

  @Test("two resting orders are cancelled at the venue; the kernel hears of both on its next event")
  func cancelsRestingOrders() throws {
    let fixture = try PluginVenueFaultTests.fixture("good")
    fixture.feed(at: F.monday, close: 10_000)
    #expect(fixture.limit(TH_SIDE_BUY, 1, at: 90.00).accepted)
    #expect(fixture.limit(TH_SIDE_BUY, 2, at: 91.00).accepted)
    _ = fixture.takeEvents()
    let venue = try #require(fixture.kernel.venues[0] as? PluginVenue)
    let cancel = try #require(venue.controlSideCancel)
    let report = Self.onAnotherThread { cancel.cancelOpenOrders() }
    #expect(report == ControlSideCancelReport(open: 2, cancelled: 2))
    #expect(report.summary == "2 open orders: 2 cancelled at the venue")
    // Nothing reached the kernel yet: the events wait in the venue's inbox.
    #expect(venue.openOrders.count == 2)
    // The kernel's next drain of the venue (before an event's matching) takes them in.
    fixture.kernel.pollVenues()
    #expect(
      fixture.takeEvents().map(\.type) == [
        th_order_event_type(TH_EVENT_CANCELLED), th_order_event_type(TH_EVENT_CANCELLED),
      ])
    #expect(venue.openOrders.isEmpty)
    fixture.feed(at: F.monday + minute, close: 9_000)
    #expect(fixture.position() == 0, "a cancelled order filled")
    #expect(fixture.kernel.counters.venueFaults == 0)
    // Again: nothing is open any more.
    #expect(Self.onAnotherThread { cancel.cancelOpenOrders() } == ControlSideCancelReport())
  }

  @Test("the report in words: cancelled, closed meanwhile, and failures named")
  func summaries() {
    #expect(ControlSideCancelReport().summary == "0 open orders: 0 cancelled at the venue")
    #expect(
      ControlSideCancelReport(open: 3, cancelled: 1, alreadyClosed: 1, failures: ["order 7: x"])
        .summary
        == "3 open orders: 1 cancelled at the venue, 1 closed meanwhile, NOT cancelled: order 7: x: cancel them at the venue"
    )
    #expect(
      ControlSideCancelReport(failures: ["the open orders could not be queried: down"]).summary
        == "NOT cancelled: the open orders could not be queried: down: cancel them at the venue"
    )
  }
}
