import Execution
import TradingModel

/// Everything a kernel needs to start: the instruments, the account, the slots, the execution
/// assumptions and the minimal risk limits. Plain data, validated by `Kernel.init`.
public struct KernelConfiguration: Sendable {
  /// The run's instruments; `instruments[i].id` must be `i`.
  public var instruments: [Instrument]
  /// The account currency (every instrument trades in it for now).
  public var currency: Currency
  /// What the account may do (cash, or margin up to a leverage), enforced by the kernel on
  /// every order whatever the risk gate; the default is a margin account with leverage 1.
  public var account: AccountModel = .standard
  /// The strategy slots.
  public var slots: [SlotSpec]
  /// How the simulated venue fills orders.
  public var execution: ExecutionConfiguration
  /// The largest order quantity per instrument (indexed by id; `nil` or missing: no limit).
  public var maxOrderQuantity: [Quantity?]
  /// The most orders that may rest at the simulated venue at once.
  public var maxOpenOrders: Int
  /// How many of the latest market events the kernel keeps to warm a replacement strategy
  /// (hot reload without a state handover); 0 keeps none.
  public var historyCapacity: Int = 512

  public init(
    instruments: [Instrument], currency: Currency, slots: [SlotSpec],
    execution: ExecutionConfiguration = ExecutionConfiguration(),
    maxOrderQuantity: [Quantity?] = [], maxOpenOrders: Int = 4096,
    account: AccountModel = .standard
  ) {
    self.account = account
    self.instruments = instruments
    self.currency = currency
    self.slots = slots
    self.execution = execution
    self.maxOrderQuantity = maxOrderQuantity
    self.maxOpenOrders = maxOpenOrders
  }
}
