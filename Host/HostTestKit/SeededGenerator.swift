import TradingModel

/// The seeded generator tests use (fuzz inputs, random fills): `TradingModel.SplitMix64`, so a
/// failing seed replays exactly.
public typealias SeededGenerator = SplitMix64
