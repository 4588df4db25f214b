import Control
import Synchronization

/// The hardware kill switch: a push button whose presses become calls of `handler`, once per
/// press, on a thread of the button's own.
///
///     let button = KillButton(
///       source: chip, configuration: gpio, clock: wallClock,
///       onFailure: { error in log(error); host.halt() },
///       handler: { press in host.halt(reason: .killButton(at: press.time)) })
///     try button.start()
///     ...
///     button.stop()
///
/// How: `start()` requests the button line for both edges with the configured bias, then a
/// dedicated thread waits for edges, at most `pollInterval` at a time so `stop()` ends it
/// promptly, and feeds them to an `EdgeDebouncer`: bounce within `debounce` of the last
/// accepted edge is ignored, edges that are not `buttonEdge` are releases, and every accepted
/// `buttonEdge` calls `handler` with the clock's time.
///
/// Threads: `handler` and `onFailure` run on the button's thread, one call at a time; they
/// should return soon (set a flag, wake the main loop), because edges wait behind them (the
/// kernel queues 16), and they may call `stop()`. `start()` and `stop()` may be called from any
/// thread; `stop()` blocks until the thread has ended (at most `pollInterval` plus a running
/// handler call), except when called from a handler.
///
/// A failure of the line while waiting (a chip that went away, a closed source) is reported
/// once to `onFailure` and ends the thread: a kill switch that stopped listening must be loud.
public final class KillButton: Sendable {
  // Sendable is checked by the compiler: `let`s of Sendable types, mutable state in a Mutex.

  /// The wiring and debounce settings.
  public let configuration: GPIOConfiguration
  /// The longest single wait for an edge: how long `stop()` may take.
  public let pollInterval: Duration
  private let source: any GPIOLineSource
  private let loop: Loop
  private let state = Mutex(State.idle)

  private enum State {
    case idle
    case running(JoinableThread)
    case stopped
  }

  /// A button on `source` that reports presses to `handler` with times from `clock`
  /// (nanoseconds since the Unix epoch); nothing happens until `start()`.
  public init(
    source: any GPIOLineSource, configuration: GPIOConfiguration,
    clock: @escaping @Sendable () -> Int64, pollInterval: Duration = .milliseconds(100),
    onFailure: @escaping @Sendable (GPIOError) -> Void,
    handler: @escaping @Sendable (KillButtonPress) -> Void
  ) {
    self.configuration = configuration
    self.pollInterval = pollInterval
    self.source = source
    self.loop = Loop(
      source: source, configuration: configuration, clock: clock, pollInterval: pollInterval,
      onFailure: onFailure, handler: handler)
  }

  deinit {
    stop()
  }

  /// Validates the configuration, requests the button line and starts the button's thread.
  ///
  /// Throws `invalidConfiguration` (also for a `pollInterval` outside 1 ms ... 1 s), the
  /// source's error for the request (`requestFailed` for a busy line, ...), `alreadyStarted`,
  /// or `threadStartFailed`. Blocks for a few system calls.
  public func start() throws(GPIOError) {
    var problems = configuration.problems
    if pollInterval < .milliseconds(1) || pollInterval > .seconds(1) {
      problems.append(
        .init(field: "pollInterval", message: "\(pollInterval) is outside 1 ms ... 1 s"))
    }
    guard problems.isEmpty else { throw .invalidConfiguration(GPIOConfigurationError(problems)) }
    let configuration = self.configuration
    try state.withLock { (state: inout State) throws(GPIOError) in
      guard case .idle = state else {
        throw .alreadyStarted(chip: configuration.chip, line: configuration.buttonLine)
      }
      try source.requestButton(
        line: configuration.buttonLine, bias: configuration.buttonBias,
        consumer: configuration.consumer)
      let loop = self.loop
      do throws(JoinableThread.StartError) {
        state = .running(try JoinableThread.start { loop.run() })
      } catch {
        throw .threadStartFailed(errno: error.code)
      }
    }
  }

  /// Ends the button's thread, joined before this returns (unless called from a handler: then
  /// the thread ends when the handler returns). Edges after this are not reported; the line
  /// stays requested until the source is closed. Idempotent; nothing before `start()`.
  public func stop() {
    let thread = state.withLock { state -> JoinableThread? in
      switch state {
      case .idle, .stopped:
        return nil
      case .running(let thread):
        state = .stopped
        return thread
      }
    }
    guard let thread else { return }
    loop.stopRequested.store(true, ordering: .releasing)
    if thread.isCurrent {
      thread.detach()
    } else {
      thread.join()
    }
  }

  /// What the thread runs; apart from `KillButton` so the thread does not keep it alive.
  private final class Loop: Sendable {
    let stopRequested = Atomic(false)
    let source: any GPIOLineSource
    let configuration: GPIOConfiguration
    let clock: @Sendable () -> Int64
    let pollInterval: Duration
    let onFailure: @Sendable (GPIOError) -> Void
    let handler: @Sendable (KillButtonPress) -> Void

    init(
      source: any GPIOLineSource, configuration: GPIOConfiguration,
      clock: @escaping @Sendable () -> Int64, pollInterval: Duration,
      onFailure: @escaping @Sendable (GPIOError) -> Void,
      handler: @escaping @Sendable (KillButtonPress) -> Void
    ) {
      self.source = source
      self.configuration = configuration
      self.clock = clock
      self.pollInterval = pollInterval
      self.onFailure = onFailure
      self.handler = handler
    }

    func run() {
      var debouncer = EdgeDebouncer(
        window: configuration.debounce, pressEdge: configuration.buttonEdge)
      while !stopRequested.load(ordering: .acquiring) {
        let event: GPIOEdgeEvent?
        do throws(GPIOError) {
          event = try source.waitForEdge(timeout: pollInterval)
        } catch {
          if !stopRequested.load(ordering: .acquiring) { onFailure(error) }
          return
        }
        guard let event, debouncer.classify(event) == .press else { continue }
        handler(
          KillButtonPress(
            time: clock(), edgeTimestamp: event.timestamp, edge: event.edge,
            line: configuration.buttonLine))
      }
    }
  }
}
