extension Kernel {
  /// Destroys the slots' strategy instances. Each instance holds the kernel as its environment,
  /// so a kernel with slots keeps itself alive; a caller that builds many kernels in one process
  /// (the selector: one per evaluation window) calls this when it is done with one, so the
  /// kernel, its ledger, its equity curve and its plugin instances are freed once dropped.
  ///
  /// Call it on the thread that owns the plugin registry (instances are destroyed through it),
  /// after the last event; the kernel must not process anything afterwards.
  public func releaseSlots() {
    supervisor = nil
    slots.removeAll()
  }
}
