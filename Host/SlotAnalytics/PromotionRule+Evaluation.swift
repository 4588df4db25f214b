extension PromotionRule {
  /// Decides whether `candidate` may replace `production` now (see the type's description for
  /// the order of the checks). `frozen` is the risk layer's `deploymentsFrozen`. `comparison` is
  /// the paired test of candidate (A) against production (B), when the host keeps one; it is
  /// used only with `minConfidence`. Pure; allocates its strings.
  public func evaluate(
    candidate: PerformanceTracker, production: PerformanceTracker?, frozen: Bool,
    comparison: ComparisonResult? = nil
  ) -> PromotionDecision {
    if frozen {
      return .blocked(
        reason: "deployments are frozen; no version is promoted until they are lifted")
    }
    if candidate.errors > maxErrors {
      return .blocked(
        reason: "the candidate had \(candidate.errors) errors, more than the \(maxErrors) allowed")
    }
    if let limit = maxDrawdown, candidate.maxDrawdown > limit {
      return .blocked(
        reason:
          "the candidate's maximum drawdown \(candidate.maxDrawdown) is above the limit \(limit)")
    }
    let days = Double(candidate.elapsedNanoseconds) / 86_400e9
    let tradesDone = minTrades.map { candidate.trades >= $0 } ?? false
    let daysDone = minDays.map { days >= $0 } ?? false
    if (minTrades != nil || minDays != nil) && !tradesDone && !daysDone {
      let parts =
        (minTrades.map { ["\(candidate.trades) of \($0) trades"] } ?? [])
        + (minDays.map { ["\(days) of \($0) days"] } ?? [])
      return .wait(
        reason: "the candidate's trial is not over: "
          + parts.joined(separator: " and ") + (parts.count > 1 ? "; either ends it" : ""))
    }
    guard let sharpe = candidate.sharpe else {
      return .wait(
        reason: "the candidate's sharpe is not defined yet (\(candidate.periods) periods)")
    }
    let baseline = production?.sharpe ?? 0
    let basis = production?.sharpe == nil ? "0, as production has no sharpe" : "production's sharpe"
    if sharpe < baseline - sharpeMargin {
      return .blocked(
        reason: "the candidate's sharpe \(sharpe) is below the baseline \(baseline) minus the "
          + "margin \(sharpeMargin)")
    }
    var figures: [Evidence.Figure] = [Evidence.Figure("trades", Double(candidate.trades))]
    if let minTrades { figures.append(Evidence.Figure("minimum trades", Double(minTrades))) }
    figures.append(Evidence.Figure("days", days))
    if let minDays { figures.append(Evidence.Figure("minimum days", minDays)) }
    figures += [
      Evidence.Figure("candidate sharpe", sharpe), Evidence.Figure("baseline sharpe", baseline),
      Evidence.Figure("sharpe margin", sharpeMargin),
      Evidence.Figure("drawdown", candidate.maxDrawdown),
    ]
    if let maxDrawdown { figures.append(Evidence.Figure("drawdown limit", maxDrawdown)) }
    figures += [
      Evidence.Figure("errors", Double(candidate.errors)),
      Evidence.Figure("error limit", Double(maxErrors)),
    ]
    if let minConfidence {
      let test =
        comparison
        ?? production.map { PairedComparison.welch(candidate.returns, $0.returns) }
        ?? PairedComparison.oneSample(candidate.returns)
      guard let confidence = test.confidence, confidence >= minConfidence else {
        let shown = test.confidence.map { "\($0)" } ?? "not defined"
        return .wait(
          reason: "the confidence that the candidate differs is \(shown), below \(minConfidence)")
      }
      if test.meanDifference < 0 {
        return .blocked(
          reason: "the candidate earns significantly less (mean difference \(test.meanDifference) "
            + "per period at confidence \(confidence))")
      }
      figures += [
        Evidence.Figure("confidence", confidence),
        Evidence.Figure("minimum confidence", minConfidence),
        Evidence.Figure("mean difference", test.meanDifference),
      ]
    }
    return .promote(
      Evidence(
        reason: "the candidate met every promotion rule (baseline: \(basis))",
        figures: figures))
  }
}
