extension RiskWrapper {
  /// The account's equity peak the drawdown limit measures from, raw units of the account's
  /// currency (a resumed session reports the peak its replay recovered).
  public var accountPeakEquity: Int64 { peakEquity }

  /// [kernel-thread] Re-applies the latched states an earlier session saved last (a resumed
  /// session, after its replay: a kill switch tripped before the crash stays tripped). Each
  /// application is audited (source `host`), as at a normal start.
  public func reapply(_ snapshot: RiskStateSnapshot) {
    restore(snapshot)
  }
}
