import Control
import Dispatch
import Glibc
import Synchronization
import Testing

/// Serialized: the tests share SIGUSR2, which one watcher at a time may own. They never send
/// SIGINT or SIGTERM to the test process, and only send SIGUSR2 while a watcher owns it.
@Suite("SignalWatcher: signals become calls on the watcher's thread", .serialized)
struct SignalWatcherTests {
  @Test func deliversSIGUSR2ExactlyOncePerKill() throws {
    let received = Mutex<[Int32]>([])
    let arrived = DispatchSemaphore(value: 0)
    let watcher = SignalWatcher(signals: [SIGUSR2]) { signal in
      received.withLock { $0.append(signal) }
      arrived.signal()
    }
    try watcher.start()
    defer { watcher.stop() }
    for expectedCount in 1...3 {
      #expect(kill(getpid(), SIGUSR2) == 0)
      #expect(arrived.wait(timeout: .now() + 5) == .success)
      #expect(received.withLock { $0.count } == expectedCount)
    }
    // No extra call arrives for those three signals.
    #expect(arrived.wait(timeout: .now() + .milliseconds(200)) == .timedOut)
    #expect(received.withLock { $0 } == [SIGUSR2, SIGUSR2, SIGUSR2])
  }

  @Test func deliversASignalTheStartingThreadHadBlocked() throws {
    // As when a parent that blocks SIGINT starts the host: the mask is inherited across exec.
    var blocked = sigset_t()
    sigemptyset(&blocked)
    sigaddset(&blocked, SIGUSR2)
    var previous = sigset_t()
    pthread_sigmask(SIG_BLOCK, &blocked, &previous)
    defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
    let arrived = DispatchSemaphore(value: 0)
    let watcher = SignalWatcher(signals: [SIGUSR2]) { _ in arrived.signal() }
    try watcher.start()
    defer { watcher.stop() }
    #expect(pthread_kill(pthread_self(), SIGUSR2) == 0)
    #expect(arrived.wait(timeout: .now() + 5) == .success)
  }

  @Test func stopRestoresThePreviousDisposition() throws {
    let original = try disposition(of: SIGUSR2)
    defer { set(SIGUSR2, to: original) }
    var ignore = sigaction()
    ignore.__sigaction_handler.sa_handler = SIG_IGN
    set(SIGUSR2, to: ignore)

    let watcher = SignalWatcher(signals: [SIGUSR2]) { _ in }
    try watcher.start()
    #expect(try handlerAddress(of: SIGUSR2) != handlerAddress(ignore))
    watcher.stop()
    #expect(try handlerAddress(of: SIGUSR2) == handlerAddress(ignore))
    watcher.stop()  // Idempotent.
    // Ignored again, so this one is simply dropped.
    #expect(kill(getpid(), SIGUSR2) == 0)
  }

  @Test func aSignalHasOneWatcherAtATime() throws {
    let first = SignalWatcher(signals: [SIGUSR2]) { _ in }
    try first.start()
    let second = SignalWatcher(signals: [SIGUSR1, SIGUSR2]) { _ in }
    let error = #expect(throws: SignalWatcherError.self) { try second.start() }
    #expect(error == .alreadyWatched(SIGUSR2))
    #expect(
      error?.description
        == "SIGUSR2 is already watched by another SignalWatcher; stop that one first")
    first.stop()
    // The failed start left SIGUSR1 alone, and SIGUSR2 is free again.
    let third = SignalWatcher(signals: [SIGUSR2, SIGUSR1]) { _ in }
    try third.start()
    third.stop()
  }

  @Test(
    "Signals that cannot or must not be caught are refused",
    arguments: [SIGKILL, SIGSTOP, SIGSEGV, 0, 65])
  func unsupportedSignals(signal: Int32) {
    let watcher = SignalWatcher(signals: [SIGUSR2, signal]) { _ in }
    #expect(throws: SignalWatcherError.unsupportedSignal(signal)) { try watcher.start() }
  }

  @Test func startsOnlyOnce() throws {
    let watcher = SignalWatcher(signals: [SIGUSR2, SIGUSR2]) { _ in }
    #expect(watcher.signals == [SIGUSR2])
    try watcher.start()
    defer { watcher.stop() }
    #expect(throws: SignalWatcherError.alreadyStarted) { try watcher.start() }
  }

  @Test func theHandlerMayStopItsOwnWatcher() throws {
    let arrived = DispatchSemaphore(value: 0)
    let reference = WatcherReference()
    let watcher = SignalWatcher(signals: [SIGUSR2]) { _ in
      reference.watcher.withLock { $0 }?.stop()
      arrived.signal()
    }
    reference.watcher.withLock { $0 = watcher }
    defer { reference.watcher.withLock { $0 = nil } }
    let original = try disposition(of: SIGUSR2)
    try watcher.start()
    #expect(kill(getpid(), SIGUSR2) == 0)
    #expect(arrived.wait(timeout: .now() + 5) == .success)
    #expect(try handlerAddress(of: SIGUSR2) == handlerAddress(original))
  }

  @Test func signalNames() {
    #expect(SignalWatcher.name(of: SIGTERM) == "SIGTERM")
    #expect(SignalWatcher.name(of: 40) == "signal 40")
  }

  private final class WatcherReference: Sendable {
    let watcher = Mutex<SignalWatcher?>(nil)
  }

  private func disposition(of signal: Int32) throws -> sigaction {
    var current = sigaction()
    try #require(sigaction(signal, nil, &current) == 0)
    return current
  }

  private func set(_ signal: Int32, to action: sigaction) {
    var action = action
    _ = sigaction(signal, &action, nil)
  }

  private func handlerAddress(of signal: Int32) throws -> Int {
    handlerAddress(try disposition(of: signal))
  }

  private func handlerAddress(_ action: sigaction) -> Int {
    unsafeBitCast(action.__sigaction_handler.sa_handler, to: Int.self)
  }
}
