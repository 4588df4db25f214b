import TradingModel

/// Paper trading on a feed (generated markets, a replayed file): each round of the feed is
/// processed by the kernel at its time (except the instruments whose venue streams their market
/// data, a live adapter's: those events are processed as the venue hands them over, after each
/// round and each timer slice), paced in wall time at `speed` times the market's own
/// pace; the session publishes its status after each round and stops when asked (control
/// channel, signal), after `maxBars` rounds, or when the feed ends. Between rounds it wakes at
/// least every `idleNanoseconds` of wall time (and at once on `pacer.wake()`) to run the
/// kernel's timer (`Kernel.idle`): manual controls such as a kill take effect within that slice
/// even when rounds are far apart.
///
/// Time: the kernel runs on the session's clock (`SessionTime`): the market's, moved to each
/// round's time, unless the session runs in real time on the wall clock. Pacing reads
/// `wallClock` and waits on `pacer`, both injected, so tests neither sleep nor read the wall.
///
/// `run()` blocks the calling thread (it becomes the kernel thread) until the session ends.
public final class PaperSession {
  public let kernel: Kernel
  private var feed: any PaperFeed
  private let time: SessionTime
  /// Market nanoseconds per wall nanosecond; `nil`: as fast as the kernel goes.
  private let speed: Double?
  private let pacer: any Pacer
  private let wallClock: any Clock
  private let maxBars: Int?
  /// Where status goes for the control channel.
  public let board: StatusBoard
  /// Called on the kernel thread after every `progressEvery` rounds (status lines).
  private let progress: ((StatusSnapshot) -> Void)?
  private let progressEvery: Int
  private let idleNanoseconds: Int64
  /// Called on the kernel thread after every round and timer tick (status lights).
  private let afterTick: (() -> Void)?
  /// The file refused orders are written to, named in every snapshot.
  private let denialsFile: String?
  /// Called on the kernel thread after every round with its number (counted from the first
  /// round of the chain a resumed session continues) and its market time: the journal's
  /// checkpoint.
  private let afterRound: ((Int, Int64) -> Void)?
  /// Rounds done so far, those of `catchUp` included.
  public private(set) var completedRounds = 0
  /// Whether the feed ran out (a replay reached the end of its file).
  public private(set) var feedEnded = false

  public init(
    kernel: Kernel, feed: any PaperFeed, time: SessionTime, speed: Double?, pacer: any Pacer,
    wallClock: any Clock = WallClock(), maxBars: Int? = nil, board: StatusBoard = StatusBoard(),
    progressEvery: Int = 0, idleNanoseconds: Int64 = 100_000_000, denialsFile: String? = nil,
    progress: ((StatusSnapshot) -> Void)? = nil, afterTick: (() -> Void)? = nil,
    afterRound: ((Int, Int64) -> Void)? = nil
  ) {
    self.afterRound = afterRound
    self.idleNanoseconds = max(idleNanoseconds, 1_000_000)
    self.afterTick = afterTick
    self.kernel = kernel
    self.feed = feed
    self.time = time
    self.speed = speed.flatMap { $0 > 0 && $0.isFinite ? $0 : nil }
    self.pacer = pacer
    self.wallClock = wallClock
    self.maxBars = maxBars
    self.board = board
    self.progressEvery = progressEvery
    self.progress = progress
    self.denialsFile = denialsFile
  }

  /// Runs until stopped or the feed ends; then cancels resting orders and applies
  /// `stopPolicy` to positions. Returns the number of rounds done (those of `catchUp` included).
  @discardableResult
  public func run(stopPolicy: StopPolicy) -> Int {
    var rounds = completedRounds
    let wallStart = wallClock.now()
    let marketStart = lastRoundTime ?? feed.start
    publish("running")
    while !kernel.control.isStopRequested {
      if let maxBars, rounds >= maxBars { break }
      guard let next = feed.nextTime() else {
        feedEnded = true
        break
      }
      if let speed {
        waitForRound(wallStart + Int64((Double(next - marketStart) / speed).rounded()))
      }
      if kernel.control.isStopRequested { break }
      process(round: next)
      rounds = completedRounds
      let snapshot = publish("running")
      if let progress, progressEvery > 0, rounds % progressEvery == 0 { progress(snapshot) }
      afterTick?()
    }
    publish("stopping")
    kernel.stop(policy: stopPolicy)
    publish("stopped")
    afterTick?()
    return rounds
  }

  /// The market time of the last round done (`nil` before the first).
  private var lastRoundTime: Int64?

  /// Runs the feed's next `rounds` rounds at once, with no pacing and no status (a resumed
  /// session replaying the rounds its chain did before). Returns the rounds done (fewer when
  /// the feed ends).
  @discardableResult
  public func catchUp(rounds: Int) -> Int {
    var done = 0
    while done < rounds, let next = feed.nextTime() {
      process(round: next)
      done += 1
    }
    if done < rounds { feedEnded = true }
    return done
  }

  /// Moves the session's clock to the round's time and hands its events to the kernel.
  private func process(round next: Int64) {
    let closing: Int64
    switch time {
    case .market(let clock):
      clock.advance(to: next)
      closing = next
    case .wall:
      closing = kernel.clock.now()
    }
    let kernel = self.kernel
    feed.emit(closingAt: closing) { event in
      // An instrument whose venue streams its market data takes it from there only.
      if !kernel.isStreamedByVenue(event.instrument) { kernel.process(event) }
    }
    kernel.processStreamedMarketData()
    completedRounds += 1
    lastRoundTime = next
    afterRound?(completedRounds, next)
  }

  @discardableResult
  private func publish(_ state: String) -> StatusSnapshot {
    var snapshot = kernel.snapshot(state: state)
    snapshot.denialsFile = denialsFile
    board.publish(snapshot)
    return snapshot
  }

  /// Waits until `deadline` on the wall clock in slices, running the kernel's timer after each.
  private func waitForRound(_ deadline: Int64) {
    while !kernel.control.isStopRequested {
      let now = wallClock.now()
      guard now < deadline else { return }
      pacer.wait(until: min(deadline, now + idleNanoseconds), clock: wallClock)
      kernel.idle()
      kernel.processStreamedMarketData()
      publish("running")
      afterTick?()
    }
  }
}
