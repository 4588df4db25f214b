/// A series of bars the host builds from an instrument's market events for a slot that
/// subscribes to it (a run config's `bars:`): time bars of a fixed length, or bars that close
/// after a number of events, a volume or a notional.
///
/// Written as text: `30s`, `1m`, `5m`, `1h`, `1d` (a positive whole number of seconds, minutes,
/// hours or days); `ticks:N` (N events); `volume:V`; `dollars:D` (price × volume, in the
/// instrument's currency). Plain data.
public enum BarAggregation: Hashable, Sendable, CustomStringConvertible {
  /// Bars of `nanoseconds`, aligned to the Unix epoch (UTC): a bar covers `(end - length, end]`.
  case time(nanoseconds: Int64)
  /// A bar every `count` market events.
  case ticks(Int64)
  /// A bar closes once its volume reaches this amount (instrument units).
  case volume(Double)
  /// A bar closes once its price × volume reaches this amount (account currency units).
  case dollars(Double)

  /// The value of `th_bar.aggregation` (TH_BAR_TIME ... TH_BAR_DOLLAR).
  public var abiKind: UInt32 {
    switch self {
    case .time: 1
    case .ticks: 2
    case .volume: 3
    case .dollars: 4
    }
  }

  /// The value of `th_bar.step`: seconds, events, volume or notional.
  public var abiStep: Double {
    switch self {
    case .time(let nanoseconds): Double(nanoseconds) / 1e9
    case .ticks(let count): Double(count)
    case .volume(let amount), .dollars(let amount): amount
    }
  }

  public var description: String {
    switch self {
    case .time(let nanoseconds):
      let seconds = nanoseconds / 1_000_000_000
      for (unit, size) in [("d", Int64(86_400)), ("h", 3_600), ("m", 60)]
      where seconds % size == 0 {
        return "\(seconds / size)\(unit)"
      }
      return "\(seconds)s"
    case .ticks(let count): return "ticks:\(count)"
    case .volume(let amount): return "volume:\(Self.number(amount))"
    case .dollars(let amount): return "dollars:\(Self.number(amount))"
    }
  }

  private static func number(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
  }

  /// The longest time bar: 366 days.
  public static let longestTime: Int64 = 366 * 86_400 * 1_000_000_000

  /// Reads the text form; the error is one sentence saying what is expected.
  public static func parse(_ text: String) -> Result<BarAggregation, BarAggregationError> {
    let expected =
      "expected a bar series such as 30s, 1m, 5m, 1h, 1d, ticks:500, volume:10000 or dollars:1000000, found \(text.debugDescription)"
    if let colon = text.firstIndex(of: ":") {
      let name = text[..<colon]
      let value = text[text.index(after: colon)...]
      switch name {
      case "ticks":
        guard let count = Int64(value), count > 0 else { return .failure(.init(expected)) }
        return .success(.ticks(count))
      case "volume", "dollars":
        guard let amount = Double(value), amount.isFinite, amount > 0, amount < 1e15 else {
          return .failure(.init(expected))
        }
        return .success(name == "volume" ? .volume(amount) : .dollars(amount))
      default:
        return .failure(.init(expected))
      }
    }
    guard let unit = text.last, let count = Int64(text.dropLast()), count > 0 else {
      return .failure(.init(expected))
    }
    let seconds: Int64
    switch unit {
    case "s": seconds = 1
    case "m": seconds = 60
    case "h": seconds = 3_600
    case "d": seconds = 86_400
    default: return .failure(.init(expected))
    }
    let (length, overflow) = count.multipliedReportingOverflow(by: seconds * 1_000_000_000)
    guard !overflow, length <= longestTime else {
      return .failure(.init("a time bar may last at most 366 days, found \(text.debugDescription)"))
    }
    return .success(.time(nanoseconds: length))
  }
}

/// Why a bar series' text did not parse.
public struct BarAggregationError: Error, Sendable, Equatable, CustomStringConvertible {
  public let message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}
