import CTradeHostPlugin

#if canImport(Glibc)
  import Glibc
#else
  import Darwin
#endif

/// The plugin type an image exports and the descriptor its entry function returns: set by the
/// first call of the entry function and read by every `create`.
///
/// Thread safety: the host calls the entry function once, on its loader thread, before any
/// `create`; but nothing in the ABI stops two hosts' threads (or a host that loads the image
/// lazily from several threads) from reaching the entry function or `create` at the same time,
/// and the selector creates instances of one image from several threads. So both go through a
/// lock: the descriptor is built exactly once, and a `create` on any thread sees the type the
/// entry function stored. Neither is on the per-event path. The lock is a pthread mutex, which
/// Thread Sanitizer understands (it cannot see the futex calls inside `Synchronization.Mutex` on
/// Linux, and reports its critical sections as races).
final class ExportedPlugin<Kind>: @unchecked Sendable {
  // @unchecked: `storedType` and `address` are read and written only inside `withLock`.
  private let mutex: UnsafeMutablePointer<pthread_mutex_t>
  private var storedType: Kind?
  /// The descriptor's address (built once, never freed: it lives as long as the image).
  private var address: UInt?

  /// The descriptor: built by `make` on the first call (which stores `type`), the same
  /// pointer on every later call.
  func descriptor(
    for type: Kind, make: () -> UnsafePointer<th_plugin_descriptor>
  ) -> UnsafeRawPointer {
    let address = withLock {
      if let address = self.address { return address }
      storedType = type
      let built = UInt(bitPattern: make())
      self.address = built
      return built
    }
    return UnsafeRawPointer(bitPattern: address)!
  }

  /// The exported type, or nil before the entry function ran.
  var type: Kind? {
    withLock { storedType }
  }

  init() {
    mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    mutex.initialize(to: pthread_mutex_t())
    pthread_mutex_init(mutex, nil)
  }

  deinit {
    pthread_mutex_destroy(mutex)
    mutex.deallocate()
  }

  private func withLock<Result>(_ body: () -> Result) -> Result {
    pthread_mutex_lock(mutex)
    defer { pthread_mutex_unlock(mutex) }
    return body()
  }
}
