/// The order state machine as one table: `(state, event) -> next state`, `nil` when the event is
/// illegal in that state (after nautilus_trader's `OrderStatus::transition`). Pure functions on
/// plain values: callable from any thread, no allocation.
///
/// Terminal states (`denied`, `rejected`, `filled`, `canceled`, `expired`) have no rows: a late
/// event for a finished order is an error the caller must see, never a silent state change.
///
/// `pendingCancel` remembers the state the cancel was requested in (`Order.stateBeforeCancel`):
/// a rejected cancel returns there. Rows marked *pass-through* keep the order pending cancel
/// while moving that remembered state on (an ack, a trigger or a partial fill that raced the
/// cancel); `Order` also checks that such an event is legal from the remembered state.
public enum OrderLifecycle {
  /// The state after `event` in `state`, or `nil` when illegal. A rejected cancel returns to
  /// `accepted` here; `transition(from:on:restoring:)` takes the remembered state instead.
  @inlinable
  public static func transition(from state: OrderState, on event: OrderEventKind) -> OrderState? {
    transition(from: state, on: event, restoring: .accepted)
  }

  /// The table. `stateBeforeCancel` is the state a `cancelRejected` in `pendingCancel` returns
  /// to (the state the order was in when its cancel was requested).
  public static func transition(
    from state: OrderState, on event: OrderEventKind, restoring stateBeforeCancel: OrderState
  ) -> OrderState? {
    switch (state, event) {
    case (.initialized, .denied): .denied  // the risk gateway refused it; it never left the host
    case (.initialized, .submitted): .submitted  // sent to the venue
    case (.initialized, .canceled): .canceled  // withdrawn before it was sent

    case (.submitted, .accepted): .accepted  // the venue acknowledged it
    case (.submitted, .rejected): .rejected  // the venue refused it
    case (.submitted, .triggered): .triggered  // a stop already through its trigger on arrival
    case (.submitted, .partiallyFilled): .partiallyFilled  // part filled on arrival, before an ack
    case (.submitted, .filled): .filled  // filled on arrival (market, marketable limit)
    case (.submitted, .canceled): .canceled  // IOC/FOK remainder canceled without an ack
    case (.submitted, .expired): .expired  // IOC/FOK remainder reported as expired
    case (.submitted, .cancelRequested): .pendingCancel  // canceled before the ack arrived

    case (.accepted, .triggered): .triggered  // the stop's trigger was hit
    case (.accepted, .partiallyFilled): .partiallyFilled  // first fill, some left
    case (.accepted, .filled): .filled  // filled in one go
    case (.accepted, .cancelRequested): .pendingCancel  // cancel sent
    case (.accepted, .canceled): .canceled  // canceled by the venue unasked
    case (.accepted, .expired): .expired  // time in force ran out
    case (.accepted, .amended): .accepted  // quantity or prices changed at the venue
    case (.accepted, .amendRejected): .accepted  // the amend was refused: works unchanged

    case (.triggered, .rejected): .rejected  // a stop-limit's limit refused when it triggered
    case (.triggered, .partiallyFilled): .partiallyFilled  // first fill after the trigger
    case (.triggered, .filled): .filled  // filled in one go after the trigger
    case (.triggered, .cancelRequested): .pendingCancel  // cancel sent
    case (.triggered, .canceled): .canceled  // canceled by the venue unasked
    case (.triggered, .expired): .expired  // time in force ran out
    case (.triggered, .amended): .triggered  // a triggered stop-limit's limit changed
    case (.triggered, .amendRejected): .triggered  // the amend was refused

    case (.partiallyFilled, .partiallyFilled): .partiallyFilled  // another fill, some left
    case (.partiallyFilled, .filled): .filled  // the last fill
    case (.partiallyFilled, .cancelRequested): .pendingCancel  // cancel the rest
    case (.partiallyFilled, .canceled): .canceled  // the rest canceled (IOC, or by the venue)
    case (.partiallyFilled, .expired): .expired  // the rest expired
    case (.partiallyFilled, .amended): .partiallyFilled  // the rest changed at the venue
    case (.partiallyFilled, .amendRejected): .partiallyFilled  // the amend was refused

    case (.pendingCancel, .cancelRequested): .pendingCancel  // a repeated request
    case (.pendingCancel, .canceled): .canceled  // the cancel succeeded
    case (.pendingCancel, .cancelRejected): stateBeforeCancel  // the cancel failed: back to work
    case (.pendingCancel, .accepted): .pendingCancel  // pass-through: the ack raced the cancel
    case (.pendingCancel, .rejected): .rejected  // the venue refused the order itself
    case (.pendingCancel, .triggered): .pendingCancel  // pass-through: triggered meanwhile
    case (.pendingCancel, .partiallyFilled): .pendingCancel  // pass-through: a fill raced it
    case (.pendingCancel, .filled): .filled  // the last fill beat the cancel
    case (.pendingCancel, .expired): .expired  // expired before the cancel landed
    case (.pendingCancel, .amended): .pendingCancel  // pass-through: an amend raced the cancel
    case (.pendingCancel, .amendRejected): .pendingCancel  // pass-through: refused meanwhile

    default: nil  // everything else is illegal, including any event in a terminal state
    }
  }
}
