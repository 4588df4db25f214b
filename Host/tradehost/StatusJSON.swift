import Control
import Kernel

/// A status snapshot as the control channel's JSON (and back, for the CLI's display).
enum StatusJSON {
  static func value(_ snapshot: StatusSnapshot) -> JSONValue {
    .object([
      "state": .string(snapshot.state),
      "clock_ns": .integer(snapshot.clock),
      "events": .integer(Int64(snapshot.events)),
      "orders": .integer(Int64(snapshot.orders)),
      "fills": .integer(Int64(snapshot.fills)),
      "denials": .integer(Int64(snapshot.denials)),
      "plugin_errors": .integer(Int64(snapshot.pluginErrors)),
      "equity": .string(snapshot.equity),
      "currency": .string(snapshot.currency),
      "trading_state": .string(snapshot.tradingState),
      "last_prices": .object(snapshot.lastPrices.mapValues { .string($0) }),
      "slots": .array(
        snapshot.slots.map { slot in
          .object([
            "name": .string(slot.name),
            "strategy": .string(slot.strategy),
            "version": .string(slot.version),
            "equity": .string(slot.equity),
            "realized_pnl": .string(slot.realizedPnL),
            "positions": .object(slot.positions.mapValues { .string($0) }),
            "orders": .integer(Int64(slot.orders)),
            "denials": .integer(Int64(slot.denials)),
            "plugin_errors": .integer(Int64(slot.pluginErrors)),
            "trading_state": .string(slot.tradingState),
          ])
        }),
    ])
  }
}
