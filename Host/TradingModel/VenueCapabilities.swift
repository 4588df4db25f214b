/// What a venue declares it takes. The kernel never sends an order outside it: such an order is
/// denied with the reason `refusal(of:)` gives. Plain data, usable from any thread.
public struct VenueCapabilities: Sendable, Hashable {
  /// Order types.
  public struct OrderTypes: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }
    public static let market = OrderTypes(rawValue: 1 << 0)
    public static let limit = OrderTypes(rawValue: 1 << 1)
    public static let stop = OrderTypes(rawValue: 1 << 2)
    public static let stopLimit = OrderTypes(rawValue: 1 << 3)
    public static let all: OrderTypes = [.market, .limit, .stop, .stopLimit]
  }

  /// Times in force.
  public struct TimesInForce: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }
    public static let gtc = TimesInForce(rawValue: 1 << 0)
    public static let ioc = TimesInForce(rawValue: 1 << 1)
    public static let fok = TimesInForce(rawValue: 1 << 2)
    public static let day = TimesInForce(rawValue: 1 << 3)
    public static let all: TimesInForce = [.gtc, .ioc, .fok, .day]
  }

  /// Features beyond plain orders.
  public struct Features: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }
    /// Honours reduce-only orders.
    public static let reduceOnly = Features(rawValue: 1 << 0)
    /// Honours post-only limit orders.
    public static let postOnly = Features(rawValue: 1 << 1)
    /// Amends open orders.
    public static let amend = Features(rawValue: 1 << 2)
    /// Reports positions of its own.
    public static let positions = Features(rawValue: 1 << 3)
    /// Links orders: one-cancels-other and one-triggers-other (`Order.ocoOrderID`,
    /// `Order.parentOrderID`; brackets).
    public static let oco = Features(rawValue: 1 << 4)
    /// Cancels every open order by itself when the host goes silent (a dead man's switch).
    public static let deadMansSwitch = Features(rawValue: 1 << 5)
  }

  public var orderTypes: OrderTypes
  public var timesInForce: TimesInForce
  public var features: Features

  public init(orderTypes: OrderTypes, timesInForce: TimesInForce, features: Features) {
    self.orderTypes = orderTypes
    self.timesInForce = timesInForce
    self.features = features
  }

  /// Why the venue cannot take `order` (the first thing it did not declare), or `nil`.
  @inlinable
  public func refusal(of order: Order) -> VenueRefusal? {
    let type: OrderTypes =
      switch order.type {
      case .market: .market
      case .limit: .limit
      case .stop: .stop
      case .stopLimit: .stopLimit
      }
    guard orderTypes.contains(type) else { return .orderType }
    let timeInForce: TimesInForce =
      switch order.timeInForce {
      case .gtc: .gtc
      case .ioc: .ioc
      case .fok: .fok
      case .day: .day
      }
    guard timesInForce.contains(timeInForce) else { return .timeInForce }
    if order.reduceOnly, !features.contains(.reduceOnly) { return .reduceOnly }
    if order.postOnly, !features.contains(.postOnly) { return .postOnly }
    if order.isLinked, !features.contains(.oco) { return .linkedOrder }
    return nil
  }
}

/// The part of an order a venue did not declare (`VenueCapabilities.refusal(of:)`).
public enum VenueRefusal: Sendable, Hashable {
  /// The order type.
  case orderType
  /// The time in force.
  case timeInForce
  /// The reduce-only flag.
  case reduceOnly
  /// The post-only flag.
  case postOnly
  /// A link to another order (a parent, an OCO partner).
  case linkedOrder
}
