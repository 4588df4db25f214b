extension RollbackRule {
  /// Decides whether the version `tracker` records must be rolled back now (see the type's
  /// description for the triggers and their order). Pure; allocates its strings.
  public func evaluate(_ tracker: PerformanceTracker, health: SlotHealth) -> RollbackDecision {
    if onLimitBreach, let reason = health.limitBreached {
      return .rollBack(Evidence(reason: "the slot breached a risk limit: \(reason)"))
    }
    if onBreakerTrip, let reason = health.breakerTripped {
      return .rollBack(Evidence(reason: "a health breaker of the slot tripped: \(reason)"))
    }
    if tracker.errors > maxErrors {
      return .rollBack(
        Evidence(
          reason: "the version had more errors than the rollback rule allows",
          figures: [
            Evidence.Figure("errors", Double(tracker.errors)),
            Evidence.Figure("error limit", Double(maxErrors)),
          ]))
    }
    if let limit = maxDrawdown, tracker.maxDrawdown > limit {
      return .rollBack(
        Evidence(
          reason: "the version's maximum drawdown exceeded the rollback limit",
          figures: [
            Evidence.Figure("drawdown", tracker.maxDrawdown),
            Evidence.Figure("drawdown limit", limit),
          ]))
    }
    if let expectation, tracker.periods >= expectation.minPeriods, let sharpe = tracker.sharpe {
      let figures = [
        Evidence.Figure("sharpe", sharpe), Evidence.Figure("expected sharpe", expectation.sharpe),
        Evidence.Figure("tolerance", expectation.tolerance),
        Evidence.Figure("periods", Double(tracker.periods)),
      ]
      if sharpe < expectation.sharpe - expectation.tolerance {
        return .rollBack(
          Evidence(
            reason: "the version's sharpe fell below its expectation minus the tolerance",
            figures: figures))
      }
      if expectation.twoSided && sharpe > expectation.sharpe + expectation.tolerance {
        return .rollBack(
          Evidence(
            reason: "the version's sharpe rose above its expectation plus the tolerance "
              + "(two-sided expectation)",
            figures: figures))
      }
    }
    return .keep
  }
}
