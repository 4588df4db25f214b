import SlotAnalytics

/// Rules the deployment tests use.
enum RollbackRuleFixture {
  /// Any error rolls back; limits and breakers too.
  static let anyError = RollbackRule(maxErrors: 0)
}
