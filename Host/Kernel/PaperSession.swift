import TradingModel

/// Paper trading on synthetic markets: every `barNanoseconds` of the session clock each market
/// produces a bar closing "now", and the kernel processes it; the session publishes its status
/// after each round and stops when asked (control channel, signal) or after `maxBars` rounds.
/// Between bars it wakes at least every `idleNanoseconds` (and at once on `pacer.wake()`) to
/// run the kernel's timer (`Kernel.idle`): manual controls such as a kill take effect within
/// that slice even when bars are far apart.
///
/// `run()` blocks the calling thread (it becomes the kernel thread) until the session ends.
public final class PaperSession {
  public let kernel: Kernel
  private var markets: [SyntheticMarket]
  private let barNanoseconds: Int64
  private let pacer: any Pacer
  private let maxBars: Int?
  /// Where status goes for the control channel.
  public let board: StatusBoard
  /// Called on the kernel thread after every `progressEvery` rounds (status lines).
  private let progress: ((StatusSnapshot) -> Void)?
  private let progressEvery: Int
  private let idleNanoseconds: Int64
  /// Called on the kernel thread after every round and timer tick (status lights).
  private let afterTick: (() -> Void)?

  public init(
    kernel: Kernel, markets: [SyntheticMarket], barNanoseconds: Int64, pacer: any Pacer,
    maxBars: Int? = nil, board: StatusBoard = StatusBoard(), progressEvery: Int = 0,
    idleNanoseconds: Int64 = 100_000_000, progress: ((StatusSnapshot) -> Void)? = nil,
    afterTick: (() -> Void)? = nil
  ) {
    self.idleNanoseconds = max(idleNanoseconds, 1_000_000)
    self.afterTick = afterTick
    self.kernel = kernel
    self.markets = markets
    self.barNanoseconds = barNanoseconds
    self.pacer = pacer
    self.maxBars = maxBars
    self.board = board
    self.progressEvery = progressEvery
    self.progress = progress
  }

  /// Runs until stopped; then cancels resting orders and applies `stopPolicy` to positions.
  /// Returns the number of rounds run.
  @discardableResult
  public func run(stopPolicy: StopPolicy) -> Int {
    var rounds = 0
    var deadline = kernel.clock.now()
    board.publish(kernel.snapshot(state: "running"))
    while !kernel.control.isStopRequested {
      if let maxBars, rounds >= maxBars { break }
      deadline += barNanoseconds
      waitForBar(deadline)
      if kernel.control.isStopRequested { break }
      let now = kernel.clock.now()
      for index in markets.indices {
        let bar = markets[index].nextBar(closingAt: now)
        kernel.process(.bar(bar))
      }
      rounds += 1
      let snapshot = kernel.snapshot(state: "running")
      board.publish(snapshot)
      if let progress, progressEvery > 0, rounds % progressEvery == 0 { progress(snapshot) }
      afterTick?()
    }
    board.publish(kernel.snapshot(state: "stopping"))
    kernel.stop(policy: stopPolicy)
    board.publish(kernel.snapshot(state: "stopped"))
    afterTick?()
    return rounds
  }

  /// Waits until `deadline` in slices, running the kernel's timer after each.
  private func waitForBar(_ deadline: Int64) {
    while !kernel.control.isStopRequested {
      let now = kernel.clock.now()
      guard now < deadline else { return }
      pacer.wait(until: min(deadline, now + idleNanoseconds), clock: kernel.clock)
      kernel.idle()
      board.publish(kernel.snapshot(state: "running"))
      afterTick?()
    }
  }
}
