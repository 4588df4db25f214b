import PluginManifest

/// A foreign indicator in TA-Lib's array form, `int f(int startIdx, int endIdx,
/// const double *in..., args..., int *outBegIdx, int *outNBElement, double|int *out...)`.
///
/// Keeps the last `window` inputs of each input in a mirrored ring (each value stored twice, `W`
/// apart, so the newest `W` are always contiguous) and, at every update, calls the function on
/// them with `startIdx = 0`, `endIdx = n - 1` (n the inputs held, at most `W`); the outputs are the
/// function's last element when it covers the newest input. A function with memory (an EMA, an
/// ATR) therefore sees only the last `W` inputs: choose `window` so the lost memory is below the
/// tolerance you need (docs/indicators.md). A non-zero return makes that update's outputs NaN.
/// O(window) per update; no allocation.
final class ForeignArrayIndicator: ForeignIndicator {
  private let call: ForeignCall
  private let arguments: ForeignArguments
  private let window: Int
  /// Inputs held before the function can produce a value (its lookback + 1), if known.
  private let lookback: Int?
  /// `inputs.count` rings of `2 * window` doubles.
  private let history: UnsafeMutablePointer<Double>
  /// One `window`-long buffer of 8-byte slots per output.
  private let outputBuffers: UnsafeMutableRawPointer
  /// Whether each output is `int *` (else `double *`).
  private let integerOutputs: [Bool]
  private let values: UnsafeMutablePointer<Double>
  private var count = 0
  private var head = 0
  private var ready = false
  private let inputSlot: Int
  private let outputSlot: Int

  /// `argumentValues` are the scalar arguments already converted to their C types.
  init(
    call: ForeignCall, inputs: [InputField], outputCount: Int, window: Int, lookback: Int?,
    setArguments: (ForeignArguments, Int) -> Void
  ) {
    self.call = call
    self.window = window
    self.lookback = lookback
    let parameters = call.signature.parameters
    arguments = ForeignArguments(count: parameters.count)
    history = .allocate(capacity: max(inputs.count, 1) * 2 * window)
    history.initialize(repeating: 0, count: max(inputs.count, 1) * 2 * window)
    outputBuffers = .allocate(byteCount: outputCount * window * 8, alignment: 8)
    outputBuffers.initializeMemory(as: UInt8.self, repeating: 0, count: outputCount * window * 8)
    let firstOutput = parameters.count - outputCount
    integerOutputs = (0..<outputCount).map {
      if case .intPointer = parameters[firstOutput + $0].type { true } else { false }
    }
    values = .allocate(capacity: outputCount)
    values.initialize(repeating: .nan, count: outputCount)
    inputSlot = 2
    outputSlot = firstOutput
    super.init(inputs: inputs, outputCount: outputCount)
    arguments.set(0, int: 0, as: .int)
    setArguments(arguments, 2 + inputs.count)
    // outBegIdx and outNBElement point into slots of their own, past the last parameter.
    for index in 0..<outputCount {
      arguments.set(firstOutput + index, pointer: outputBuffers + index * window * 8)
    }
  }

  deinit {
    arguments.deallocate()
    history.deallocate()
    outputBuffers.deallocate()
    values.deallocate()
    results.deallocate()
  }

  /// outBegIdx, outNBElement and the return value.
  private let results: UnsafeMutablePointer<Int64> = {
    let pointer = UnsafeMutablePointer<Int64>.allocate(capacity: 3)
    pointer.initialize(repeating: 0, count: 3)
    return pointer
  }()

  override func push() {
    let width = 2 * window
    for index in 0..<inputs.count {
      let ring = history + index * width
      ring[head] = scratch[index]
      ring[head + window] = scratch[index]
    }
    head = head + 1 == window ? 0 : head + 1
    count += 1
    let held = min(count, window)
    let start = count >= window ? head : 0
    ready = false
    if let lookback, held <= lookback {
      for index in 0..<outputCount { values[index] = .nan }
      return
    }
    arguments.set(1, int: Int64(held - 1), as: .int)
    for index in 0..<inputs.count {
      arguments.set(inputSlot + index, pointer: history + index * width + start)
    }
    let begin = UnsafeMutableRawPointer(results)
    arguments.set(outputSlot - 2, pointer: begin)
    arguments.set(outputSlot - 1, pointer: begin + 8)
    results[0] = 0
    results[1] = 0
    call.call(result: begin + 16, arguments: arguments.pointers)
    let status = Int32(truncatingIfNeeded: results[2])
    let first = Int(Int32(truncatingIfNeeded: results[0]))
    let produced = Int(Int32(truncatingIfNeeded: results[1]))
    guard status == 0, produced > 0, produced <= window, first + produced == held else {
      for index in 0..<outputCount { values[index] = .nan }
      return
    }
    for index in 0..<outputCount {
      let buffer = outputBuffers + index * window * 8
      values[index] =
        integerOutputs[index]
        ? Double(buffer.load(fromByteOffset: (produced - 1) * 4, as: Int32.self))
        : buffer.load(fromByteOffset: (produced - 1) * 8, as: Double.self)
    }
    ready = true
  }

  override func value(_ index: Int) -> Double { ready ? values[index] : .nan }
  override var isReady: Bool { ready }
  override var warmupCount: Int { lookback.map { $0 + 1 } ?? window }

  override func reset() {
    count = 0
    head = 0
    ready = false
    for index in 0..<outputCount { values[index] = .nan }
  }
}
