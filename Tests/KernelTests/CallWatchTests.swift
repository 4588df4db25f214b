import Testing

@testable import Kernel

/// The watchdog's judgement (`CallWatch`) and the kernel's call stamps (`CallStamps`).
@Suite("call watch")
struct CallWatchTests {
  @Test("a stamp round-trips through its packed word")
  func stampWord() {
    for stamp in [
      CallStamp(slot: 0, call: .onBar, sequence: 1),
      CallStamp(slot: 7, call: .onOrderEvent, sequence: 0xFF_FFFF_FFFF),
      CallStamp(slot: nil, call: .supervisor, sequence: 42),
    ] {
      #expect(CallStamp(word: stamp.word) == stamp)
    }
    #expect(CallStamp(word: 0) == nil)
    let stamps = CallStamps()
    #expect(stamps.current == nil)
    stamps.begin(CallStamp(slot: 3, call: .onQuote, sequence: 9))
    #expect(stamps.current == CallStamp(slot: 3, call: .onQuote, sequence: 9))
    stamps.end()
    #expect(stamps.current == nil)
  }

  @Test("a call is overdue once, at the deadline from its first sighting; its return is reported")
  func overdueOnce() {
    var watch = CallWatch(deadlineNanos: 100)
    let call = CallStamp(slot: 0, call: .onBar, sequence: 5)
    #expect(watch.sample(nil, at: 0) == nil)
    #expect(watch.sample(call, at: 10) == nil)
    #expect(watch.sample(call, at: 109) == nil)
    #expect(watch.sample(call, at: 110) == .overdue(call, elapsedNanos: 100))
    #expect(watch.isOverdue)
    #expect(watch.overdueCall == call)
    #expect(watch.sample(call, at: 500) == nil)
    #expect(watch.overdueFor(at: 500) == 490)
    #expect(watch.sample(nil, at: 600) == .returned(call, elapsedNanos: 590))
    #expect(!watch.isOverdue)
  }

  @Test("short calls in a row never add up: each new sequence number starts over")
  func newCallsStartOver() {
    var watch = CallWatch(deadlineNanos: 100)
    for step in 0..<50 {
      let call = CallStamp(slot: 0, call: .onBar, sequence: UInt64(step + 1))
      #expect(watch.sample(call, at: Int64(step) * 60) == nil)
    }
    #expect(!watch.isOverdue)
  }
}
