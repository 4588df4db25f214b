import ArgumentParser

/// `tradehost`: the TradeHost command line.
@main
struct TradeHostCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tradehost",
    abstract: "A trading-strategy host that loads strategy, indicator, model and exchange plugins.",
    subcommands: [
      RunCommand.self, BacktestCommand.self, EvolveCommand.self, StatusCommand.self, PauseCommand.self,
      ResumeCommand.self, ReduceCommand.self, KillCommand.self, UnfreezeCommand.self,
      StopCommand.self, SlotsCommand.self, ReloadCommand.self, PromoteCommand.self,
      RollbackCommand.self, RoleCommand.self, PluginsCommand.self, IndicatorsCommand.self,
      DatabaseCommand.self,
      HistoryCommand.self, VersionCommand.self,
    ]
  )
}
