import ArgumentParser
import Kernel
import MarketData
import Store
import TradingModel

/// `tradehost history`: the orders and fills journaled in a store, read with no host running.
struct HistoryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "history",
    abstract: "List the journaled orders and fills (of a slot, since a time) from the store.",
    discussion: """
      Reads the journal of --state-dir (its journal.sqlite) or of --store, even while a host \
      writes it; writes nothing. --json prints one object with `orders` and `fills` arrays; \
      prices, quantities and fees are exact decimals.
      """)

  @OptionGroup var storeOptions: StoreOptions

  @Option(name: .long, help: "Only this slot's orders and fills (its name).")
  var slot: String?

  @Option(
    name: .long,
    help: "Only records at or after this time (ISO 8601 UTC: 2026-12-05 or 2026-12-05T10:00:00Z).")
  var since: String?

  @Option(name: .long, help: "Only this session (`tradehost db status` lists them).")
  var session: Int64?

  @Flag(name: .long, help: "Print JSON: {\"orders\": [...], \"fills\": [...]}.")
  var json = false

  func run() throws {
    var query = HistoryQuery(slot: slot, session: session)
    if let since {
      switch TimestampParser.parse(since) {
      case .success(let time): query.since = time
      case .failure(let error):
        printError("--since '\(since)': \(error)")
        throw ExitCode(2)
      }
    }
    let location = try storeOptions.location()
    let history: History
    do throws(StoreError) {
      history = try location.open(create: false).history(query)
    } catch {
      printError(error.description)
      throw ExitCode(1)
    }
    print(json ? Self.json(history) : Self.table(history))
  }

  static func json(_ history: History) -> String {
    var out = JSONText()
    out.beginObject()
    out.beginArray("orders")
    for row in history.orders {
      let order = row.order
      out.beginObject()
      out.int("session", Int(row.session))
      out.string("slot", row.slotName)
      out.string("instrument", row.instrument)
      out.decimal("client_order_id", String(order.clientOrderID))
      out.string("time", TimestampText.iso8601(order.time))
      out.string("side", order.side.description)
      out.string("type", typeName(order.type))
      out.decimal("quantity", order.quantity.description)
      if let limit = order.type.limitPrice { out.decimal("limit_price", limit.description) }
      if let trigger = order.type.triggerPrice { out.decimal("trigger_price", trigger.description) }
      out.string("time_in_force", "\(order.timeInForce)")
      out.bool("reduce_only", order.reduceOnly)
      out.string("state", row.lastEvent.description)
      out.endObject()
    }
    out.endArray()
    out.beginArray("fills")
    for row in history.fills {
      let fill = row.fill
      out.beginObject()
      out.int("session", Int(row.session))
      out.string("slot", row.slotName)
      out.string("instrument", row.instrument)
      out.decimal("client_order_id", String(fill.clientOrderID))
      out.string("time", TimestampText.iso8601(fill.timestamp))
      out.string("side", fill.side.description)
      out.decimal("quantity", fill.quantity.description)
      out.decimal("price", fill.price.description)
      out.decimal("fee", FixedPoint.format(fill.fee.raw, precision: fill.fee.currency.precision))
      out.string("currency", fill.fee.currency.code)
      out.string("liquidity", fill.liquidity == .maker ? "maker" : "taker")
      out.decimal("trade_id", String(fill.tradeID))
      out.endObject()
    }
    out.endArray()
    out.endObject()
    return out.text
  }

  static func table(_ history: History) -> String {
    var lines = ["orders: \(history.orders.count)"]
    for row in history.orders {
      let order = row.order
      let price = order.type.limitPrice.map { " @ \($0)" } ?? ""
      let trigger = order.type.triggerPrice.map { " stop \($0)" } ?? ""
      lines.append(
        "  \(TimestampText.iso8601(order.time))  #\(row.session).\(order.clientOrderID)  \(row.slotName)  \(row.instrument)  \(order.side) \(order.quantity) \(typeName(order.type))\(price)\(trigger)  \(row.lastEvent)"
      )
    }
    lines.append("fills: \(history.fills.count)")
    for row in history.fills {
      let fill = row.fill
      lines.append(
        "  \(TimestampText.iso8601(fill.timestamp))  #\(row.session).\(fill.clientOrderID)  \(row.slotName)  \(row.instrument)  \(fill.side) \(fill.quantity) @ \(fill.price)  fee \(fill.fee)"
      )
    }
    return lines.joined(separator: "\n")
  }

  static func typeName(_ type: OrderType) -> String {
    switch type {
    case .market: "market"
    case .limit: "limit"
    case .stop: "stop"
    case .stopLimit: "stop-limit"
    }
  }
}
