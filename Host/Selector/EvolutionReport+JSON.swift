import Control

extension EvolutionReport {
  /// The `--json` object: `champion` (strategy and parameters, `null` when none passes),
  /// `best` (the same for the best genome, passed or not), `in_sample` and `out_of_sample` (the
  /// best genome's figures, overall and per fold), `deflated_sharpe`, `passed`, `refusals`,
  /// `evaluations`, `failed_evaluations`, `generations` (best and median fitness of each) and
  /// the settings that decide the result.
  public func json(spaces: [StrategySpace]) -> JSONValue {
    var object: [String: JSONValue] = [
      "champion": .null,
      "best": .null,
      "in_sample": .null,
      "out_of_sample": .null,
      "deflated_sharpe": SelectorJSON.number(deflatedSharpe),
      "expected_maximum_sharpe": SelectorJSON.number(expectedMaximumSharpe),
      "passed": .bool(passed),
      "refusals": .array(refusals.map { .string($0) }),
      "evaluations": .integer(Int64(evaluations)),
      "failed_evaluations": .integer(Int64(failedEvaluations)),
      "generations": .array(
        generations.enumerated().map { index, figures in
          .object([
            "generation": .integer(Int64(index)), "best": SelectorJSON.number(figures.best),
            "median": SelectorJSON.number(figures.median),
          ])
        }),
      "settings": .object([
        "seed": .string(String(settings.seed)),
        "population": .integer(Int64(settings.breeding.population)),
        "generations": .integer(Int64(settings.generations)),
        "elites": .integer(Int64(settings.breeding.elites)),
        "tournament_size": .integer(Int64(settings.breeding.tournamentSize)),
        "crossover_rate": .number(settings.breeding.crossoverRate),
        "folds": .integer(Int64(walkForward.folds.count)),
        "embargo_events": .integer(Int64(walkForward.embargo)),
        "drawdown_penalty": .number(settings.drawdownPenalty),
        "min_oos": .number(settings.minOutOfSample),
        "min_dsr": .number(settings.minDeflatedSharpe),
        "events_per_year": .number(settings.eventsPerYear),
      ]),
    ]
    if let best {
      var parameters: [String: JSONValue] = [:]
      for parameter in best.parameters {
        parameters[parameter.name] = SelectorJSON.value(parameter.value)
      }
      let genome: JSONValue = .object([
        "strategy": .string(best.strategy), "parameters": .object(parameters),
      ])
      object["best"] = genome
      if passed { object["champion"] = genome }
      object["in_sample"] = figures(best.inSample, windows: best.evaluation.inSample)
      object["out_of_sample"] = figures(best.outOfSample, windows: best.evaluation.outOfSample)
    }
    return .object(object)
  }

  private func figures(_ performance: Performance, windows: [WindowScore]) -> JSONValue {
    guard case .object(var object) = SelectorJSON.performance(performance) else { return .null }
    object["folds"] = .array(
      windows.map { window in
        SelectorJSON.performance(
          Performance(
            windows: [window], eventsPerYear: settings.eventsPerYear,
            drawdownPenalty: settings.drawdownPenalty))
      })
    return .object(object)
  }
}
