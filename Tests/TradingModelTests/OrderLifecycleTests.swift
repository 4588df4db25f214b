import Testing
import TradingModel

/// One documented row of the lifecycle table.
struct LifecycleRow: Sendable, CustomTestStringConvertible {
  var from: OrderState
  var event: OrderEventKind
  var to: OrderState

  var testDescription: String { "\(from) + \(event) -> \(to)" }
}

/// The documented table, written out independently of `OrderLifecycle`: every legal row.
/// `pendingCancel + cancelRejected` returns to the state before the cancel (`accepted` in the
/// two-argument form).
let documentedLifecycle: [LifecycleRow] = [
  .init(from: .initialized, event: .denied, to: .denied),
  .init(from: .initialized, event: .submitted, to: .submitted),
  .init(from: .initialized, event: .canceled, to: .canceled),
  .init(from: .submitted, event: .accepted, to: .accepted),
  .init(from: .submitted, event: .rejected, to: .rejected),
  .init(from: .submitted, event: .triggered, to: .triggered),
  .init(from: .submitted, event: .partiallyFilled, to: .partiallyFilled),
  .init(from: .submitted, event: .filled, to: .filled),
  .init(from: .submitted, event: .canceled, to: .canceled),
  .init(from: .submitted, event: .expired, to: .expired),
  .init(from: .submitted, event: .cancelRequested, to: .pendingCancel),
  .init(from: .accepted, event: .triggered, to: .triggered),
  .init(from: .accepted, event: .partiallyFilled, to: .partiallyFilled),
  .init(from: .accepted, event: .filled, to: .filled),
  .init(from: .accepted, event: .cancelRequested, to: .pendingCancel),
  .init(from: .accepted, event: .canceled, to: .canceled),
  .init(from: .accepted, event: .expired, to: .expired),
  .init(from: .triggered, event: .rejected, to: .rejected),
  .init(from: .triggered, event: .partiallyFilled, to: .partiallyFilled),
  .init(from: .triggered, event: .filled, to: .filled),
  .init(from: .triggered, event: .cancelRequested, to: .pendingCancel),
  .init(from: .triggered, event: .canceled, to: .canceled),
  .init(from: .triggered, event: .expired, to: .expired),
  .init(from: .partiallyFilled, event: .partiallyFilled, to: .partiallyFilled),
  .init(from: .partiallyFilled, event: .filled, to: .filled),
  .init(from: .partiallyFilled, event: .cancelRequested, to: .pendingCancel),
  .init(from: .partiallyFilled, event: .canceled, to: .canceled),
  .init(from: .partiallyFilled, event: .expired, to: .expired),
  .init(from: .pendingCancel, event: .cancelRequested, to: .pendingCancel),
  .init(from: .pendingCancel, event: .canceled, to: .canceled),
  .init(from: .pendingCancel, event: .cancelRejected, to: .accepted),
  .init(from: .pendingCancel, event: .accepted, to: .pendingCancel),
  .init(from: .pendingCancel, event: .rejected, to: .rejected),
  .init(from: .pendingCancel, event: .triggered, to: .pendingCancel),
  .init(from: .pendingCancel, event: .partiallyFilled, to: .pendingCancel),
  .init(from: .pendingCancel, event: .filled, to: .filled),
  .init(from: .pendingCancel, event: .expired, to: .expired),
  .init(from: .accepted, event: .amended, to: .accepted),
  .init(from: .accepted, event: .amendRejected, to: .accepted),
  .init(from: .triggered, event: .amended, to: .triggered),
  .init(from: .triggered, event: .amendRejected, to: .triggered),
  .init(from: .partiallyFilled, event: .amended, to: .partiallyFilled),
  .init(from: .partiallyFilled, event: .amendRejected, to: .partiallyFilled),
  .init(from: .pendingCancel, event: .amended, to: .pendingCancel),
  .init(from: .pendingCancel, event: .amendRejected, to: .pendingCancel),
]

@Suite("Order lifecycle table")
struct OrderLifecycleTests {
  @Test("every documented row is legal and lands where documented", arguments: documentedLifecycle)
  func documentedRow(_ row: LifecycleRow) {
    #expect(OrderLifecycle.transition(from: row.from, on: row.event) == row.to)
  }

  @Test("of all state x event pairs, exactly the documented rows are legal")
  func everyPair() {
    var legal = 0
    for state in OrderState.allCases {
      for event in OrderEventKind.allCases {
        let documented = documentedLifecycle.first { $0.from == state && $0.event == event }
        let actual = OrderLifecycle.transition(from: state, on: event)
        #expect(actual == documented?.to, "\(state) + \(event)")
        if actual != nil { legal += 1 }
      }
    }
    #expect(legal == documentedLifecycle.count)
    #expect(legal == 45)
    #expect(OrderState.allCases.count * OrderEventKind.allCases.count == 143)
  }

  @Test("a rejected cancel returns to the remembered state; no other row depends on it")
  func restoring() {
    for before in OrderState.allCases {
      #expect(
        OrderLifecycle.transition(from: .pendingCancel, on: .cancelRejected, restoring: before)
          == before)
      for state in OrderState.allCases {
        for event in OrderEventKind.allCases
        where !(state == .pendingCancel && event == .cancelRejected) {
          #expect(
            OrderLifecycle.transition(from: state, on: event, restoring: before)
              == OrderLifecycle.transition(from: state, on: event))
        }
      }
    }
  }

  @Test("terminal states accept nothing; open and in-flight states are classified")
  func classification() {
    let terminal: Set<OrderState> = [.denied, .rejected, .filled, .canceled, .expired]
    let open: Set<OrderState> = [.accepted, .triggered, .partiallyFilled, .pendingCancel]
    let inFlight: Set<OrderState> = [.submitted, .pendingCancel]
    for state in OrderState.allCases {
      #expect(state.isTerminal == terminal.contains(state), "\(state)")
      #expect(state.isOpen == open.contains(state), "\(state)")
      #expect(state.isInFlight == inFlight.contains(state), "\(state)")
      #expect(!(state.isOpen && state.isTerminal))
      if state.isTerminal {
        for event in OrderEventKind.allCases {
          #expect(OrderLifecycle.transition(from: state, on: event) == nil, "\(state) + \(event)")
        }
      }
    }
  }

  @Test("sides, types and event kinds")
  func smallTypes() {
    #expect(OrderSide.buy.sign == 1)
    #expect(OrderSide.sell.sign == -1)
    #expect(OrderSide.buy.opposite == .sell)
    #expect(OrderSide.sell.opposite == .buy)
    let trigger = Price(raw: 100, precision: 2)
    let limit = Price(raw: 101, precision: 2)
    #expect(OrderType.stopLimit(trigger: trigger, limit: limit).limitPrice == limit)
    #expect(OrderType.stopLimit(trigger: trigger, limit: limit).triggerPrice == trigger)
    #expect(OrderType.stop(trigger: trigger).limitPrice == nil)
    #expect(OrderType.limit(limit).triggerPrice == nil)
    #expect(OrderType.market.limitPrice == nil)
    #expect(OrderEventKind.allCases.filter(\.isFill) == [.partiallyFilled, .filled])
  }
}
