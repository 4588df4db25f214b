import Hummingbird
import Synchronization

/// Server-sent events to any number of readers (the dashboard's live feed): `send` hands one
/// event to every open subscription; a reader that leaves is dropped. A subscription keeps only
/// the newest `buffered` events while its reader is slow, so a stalled browser never holds
/// memory. At most `maxReaders` subscriptions at once; one more ends at once after an `error`
/// event. Thread-safe.
public final class EventStream: Sendable {
  public let maxReaders: Int
  public let buffered: Int
  private let readers = Mutex<(next: Int, open: [Int: AsyncStream<ByteBuffer>.Continuation], closed: Bool)>(
    (0, [:], false))

  public init(maxReaders: Int = 16, buffered: Int = 4) {
    self.maxReaders = maxReaders
    self.buffered = buffered
  }

  /// How many readers are subscribed.
  public var readerCount: Int { readers.withLock { $0.open.count } }

  /// A new subscription's bytes (the first event comes with the next `send`).
  public func subscribe() -> AsyncStream<ByteBuffer> {
    let (stream, continuation) = AsyncStream.makeStream(
      of: ByteBuffer.self, bufferingPolicy: .bufferingNewest(buffered))
    let admitted = readers.withLock { state -> Int? in
      guard !state.closed, state.open.count < maxReaders else { return nil }
      state.next += 1
      state.open[state.next] = continuation
      return state.next
    }
    guard let id = admitted else {
      continuation.yield(
        ByteBuffer(string: "event: error\ndata: too many readers (at most \(maxReaders))\n\n"))
      continuation.finish()
      return stream
    }
    continuation.onTermination = { [weak self] _ in
      _ = self?.readers.withLock { $0.open.removeValue(forKey: id) }
    }
    // A comment line first, so the reader sees the stream open at once.
    continuation.yield(ByteBuffer(string: ": tradehost\n\n"))
    return stream
  }

  /// Sends one event named `name` whose data is `data` (one line: JSON) to every reader.
  public func send(_ name: String, data: String) {
    let event = ByteBuffer(string: "event: \(name)\ndata: \(data)\n\n")
    let open = readers.withLock { Array($0.open.values) }
    for continuation in open { continuation.yield(event) }
  }

  /// Ends every subscription; later ones end at once.
  public func close() {
    let open = readers.withLock { state -> [AsyncStream<ByteBuffer>.Continuation] in
      state.closed = true
      defer { state.open = [:] }
      return Array(state.open.values)
    }
    for continuation in open { continuation.finish() }
  }
}
