import CTradeHostPlugin

/// The host-side instance of an indicator whose code is a foreign C library: what the
/// synthesized `th_indicator_vtable` (`ForeignIndicatorTable`) calls through its instance
/// pointer. Subclasses implement the two forms (`ForeignArrayIndicator`,
/// `ForeignStreamingIndicator`).
///
/// Created on the loader thread by `ForeignBinding.makeInstance`, then updated and read on the
/// kernel thread only. Updates do not allocate.
class ForeignIndicator {
  /// Which bar field feeds each input.
  let inputs: [InputField]
  /// Scratch for one update's inputs, in input order.
  let scratch: UnsafeMutablePointer<Double>
  /// The number of outputs.
  let outputCount: Int

  /// A bar field an input reads.
  enum InputField {
    case open, high, low, close, volume
  }

  init(inputs: [InputField], outputCount: Int) {
    self.inputs = inputs
    self.outputCount = outputCount
    scratch = .allocate(capacity: max(inputs.count, 1))
  }

  deinit { scratch.deallocate() }

  /// [kernel-thread] Feeds the inputs now in `scratch`.
  func push() { fatalError("ForeignIndicator.push is implemented by each form") }
  /// [kernel-thread] Output `index` (< outputCount); NaN while not ready.
  func value(_ index: Int) -> Double { fatalError("implemented by each form") }
  /// [kernel-thread] Whether the outputs are valid.
  var isReady: Bool { fatalError("implemented by each form") }
  /// [kernel-thread] Inputs needed before the outputs are valid.
  var warmupCount: Int { fatalError("implemented by each form") }
  /// [kernel-thread] Forgets every input.
  func reset() { fatalError("implemented by each form") }

  /// [kernel-thread] Feeds a bar: each input reads its field.
  @inline(__always)
  final func update(_ bar: th_bar) {
    for (index, field) in inputs.enumerated() {
      scratch[index] =
        switch field {
        case .open: bar.open
        case .high: bar.high
        case .low: bar.low
        case .close: bar.close
        case .volume: bar.volume
        }
    }
    push()
  }

  /// [kernel-thread] Feeds a value: a bar whose prices all equal it and whose volume is 0.
  @inline(__always)
  final func update(value: Double) {
    for (index, field) in inputs.enumerated() { scratch[index] = field == .volume ? 0 : value }
    push()
  }
}
