import TradingModel

/// The latest market events in arrival order, in a ring of fixed capacity: what a replacement
/// strategy is warmed with when it cannot take over its predecessor's state.
///
/// Kernel-thread only. `record` is allocation-free (the storage is reserved up front and then
/// overwritten in place); `forEach` visits the kept events oldest first.
public typealias RecentEvents = Ring<MarketEvent>
