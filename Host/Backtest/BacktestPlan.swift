import Deployment
import Execution
import Kernel
import Risk
import TradingModel

/// Everything a backtest needs, as plain data: built from a YAML run config
/// (`BacktestPlan.parse`) or from command-line flags, validated when the run starts.
public struct BacktestPlan: Sendable {
  /// One data file and the instrument it feeds.
  public struct Source: Sendable, Equatable {
    /// The file's path (relative paths resolve against the working directory or the config's folder).
    public var path: String
    /// `SYMBOL` or `SYMBOL.VENUE` (venue `SIM` when omitted).
    public var instrument: String
    /// `detect` (default), `bars`, `bidask-bars`, `quotes` or `trades`.
    public var layout: String?
    /// The price precision, when the data's own (detected) is not wanted.
    public var pricePrecision: UInt8?
    /// The bar length in seconds, when not detected from the data.
    public var barSeconds: Int?
    /// Whether the file's timestamps mark bar opens (default) or closes.
    public var timestampsAreClose: Bool
    /// Which side of a bid/ask bar file to trade on (`bid`, `ask`, `mid`).
    public var side: String?

    public init(
      path: String, instrument: String, layout: String? = nil, pricePrecision: UInt8? = nil,
      barSeconds: Int? = nil, timestampsAreClose: Bool = false, side: String? = nil
    ) {
      self.path = path
      self.instrument = instrument
      self.layout = layout
      self.pricePrecision = pricePrecision
      self.barSeconds = barSeconds
      self.timestampsAreClose = timestampsAreClose
      self.side = side
    }
  }

  /// Instrument rules beyond what the data says (all optional).
  public struct InstrumentRules: Sendable, Equatable {
    public var tickSize: String?
    public var lotSize: String?
    public var sizePrecision: UInt8?
    public var minQuantity: String?
    public var minNotional: String?
    public var multiplier: String?
    public var maxOrderQuantity: String?

    public init() {}
  }

  /// One strategy slot.
  public struct SlotPlan: Sendable {
    public var name: String
    public var strategy: String
    public var parameters: [(String, String)]
    /// The slot's capital; `nil` shares the cash equally among slots without one.
    public var capital: String?
    /// The instruments whose events the slot receives (`SYMBOL` or `SYMBOL.VENUE`); `nil`: all.
    public var instruments: [String]?
    /// What the slot is for (default production).
    public var role: SlotRole = .production
    /// The slot's capital as a fraction of the account's cash (instead of `capital`).
    public var share: Double?
    /// Promotion and rollback rules, and the slot it is judged against.
    public var rules = SlotRules()
    /// Bar series the kernel resamples from the slot's instruments for it (`bars:`).
    public var bars: [BarAggregation] = []

    public init(
      name: String, strategy: String, parameters: [(String, String)] = [], capital: String? = nil
    ) {
      self.name = name
      self.strategy = strategy
      self.parameters = parameters
      self.capital = capital
    }
  }

  /// Deployment settings: statistics period and rule check interval (ns of event time).
  public var statsInterval: Int64 = 3_600_000_000_000
  public var checkInterval: Int64 = 60_000_000_000
  /// The largest capital share of a canary slot.
  public var maxCanaryShare = 0.10
  /// Replaced versions each slot keeps for rollback (`deployment.keep_versions`).
  public var keepVersions = 1
  /// Where a changed version of a strategy goes, by strategy id (`deployment.on_change`).
  public var onChange: [String: ChangeTarget] = [:]

  /// Whether the run needs a slot deployer: a slot that is not production, or has rules.
  public var hasDeployments: Bool {
    slots.contains { $0.role != .production || $0.rules != SlotRules() }
  }

  public var sources: [Source] = []
  /// Rules per instrument (`SYMBOL` or `SYMBOL.VENUE`).
  public var instruments: [String: InstrumentRules] = [:]
  public var currency = "USD"
  /// Account cash, a decimal in `currency`.
  public var cash = "1000000"
  /// What the account may do: cash, or margin up to a leverage (`account.type` and
  /// `account.max_leverage`, `--account`); the kernel enforces it on every order.
  public var account: AccountModel = .standard
  public var slots: [SlotPlan] = []
  public var execution = ExecutionConfiguration()
  /// Which venue trades each instrument (`venues:`, `--venue`): by `SYMBOL.VENUE`, `SYMBOL` or
  /// `*`; an instrument no entry names trades at the simulator.
  public var venues: [String: VenuePlan] = [:]
  /// The manifest search path: folders in order (`manifests` beside the repository by
  /// default); an id found in two folders is an error.
  public var manifests: [String]?
  /// The paper host's journal store (`store:`), as `--store` takes it: a PostgreSQL URL,
  /// `sqlite:PATH` (resolved against the config's folder) or `none`; `nil`: the state folder's
  /// SQLite file. Backtests keep no journal.
  public var store: String?
  /// What the risk wrapper enforces (the design's defaults unless the config's `risk:` section
  /// or `--risk` says otherwise).
  public var risk = RiskConfiguration()
  /// The watchdog's deadline for one strategy call, ms (`host.call_deadline_ms`; `nil`: the
  /// command's default).
  public var callDeadlineMs: Int?

  public init() {}
}
