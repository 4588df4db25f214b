import TradingModel

/// The level a trading state, a limit or an audit record applies to.
public enum RiskScope: Hashable, Sendable {
  /// The whole account (every slot).
  case account
  /// One strategy slot, by index.
  case slot(SlotID)
  /// One instrument, by id (every slot's orders in it).
  case instrument(InstrumentID)
  /// One venue, by name (breakers and throttles).
  case venue(String)
}
