import CTradeHostPlugin

/// The ABI this host implements.
public enum HostABI {
  /// `TH_ABI_MAJOR`: a plugin must have the same.
  public static let major = UInt16(TH_ABI_MAJOR)
  /// `TH_ABI_MINOR`: a plugin may need at most this.
  public static let minor = UInt16(TH_ABI_MINOR)
  /// "1.0".
  public static var version: String { "\(major).\(minor)" }
  /// The entry symbol looked up when the manifest names none.
  public static let defaultEntrySymbol = TH_ENTRY_SYMBOL
}
