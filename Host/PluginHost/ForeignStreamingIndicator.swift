import PluginManifest

/// A foreign indicator in the streaming form: `void *new(args...)` makes the library's state,
/// `update(void *state, double in...)` feeds it one step (void, or int with 0 for success),
/// `double value(const void *state[, int output])` reads it and `void free(void *state)` ends it.
///
/// Ready after `lookback + 1` inputs when the manifest declares a lookback function, otherwise
/// when every output is a number. An update that returns non-zero makes the outputs NaN until the
/// next update succeeds. O(1) host work per update besides the library's own; no allocation.
final class ForeignStreamingIndicator: ForeignIndicator {
  private let new: ForeignCall
  private let updateCall: ForeignCall
  private let valueCall: ForeignCall
  private let free: ForeignCall
  private let newArguments: ForeignArguments
  private let updateArguments: ForeignArguments
  private let valueArguments: ForeignArguments
  private let lookback: Int?
  private let result: UnsafeMutablePointer<Int64>
  private var state: UnsafeMutableRawPointer
  private var count = 0
  private var failed = false
  private let updateReturnsStatus: Bool
  private let valueTakesIndex: Bool

  /// Makes the library's state; throws the reason when `new` returns NULL.
  init(
    new: ForeignCall, update: ForeignCall, value: ForeignCall, free: ForeignCall,
    inputs: [InputField], outputCount: Int, lookback: Int?,
    setArguments: (ForeignArguments, Int) -> Void
  ) throws(ForeignInstanceError) {
    self.new = new
    self.updateCall = update
    self.valueCall = value
    self.free = free
    self.lookback = lookback
    newArguments = ForeignArguments(count: new.signature.parameters.count)
    updateArguments = ForeignArguments(count: update.signature.parameters.count)
    valueArguments = ForeignArguments(count: value.signature.parameters.count)
    result = .allocate(capacity: 1)
    result.initialize(to: 0)
    updateReturnsStatus = update.signature.returnType == .int
    valueTakesIndex = value.signature.parameters.count > 1
    setArguments(newArguments, 0)
    guard let made = Self.make(new, newArguments, result) else {
      newArguments.deallocate()
      updateArguments.deallocate()
      valueArguments.deallocate()
      result.deallocate()
      throw ForeignInstanceError("\(new.signature.name) returned NULL")
    }
    state = made
    super.init(inputs: inputs, outputCount: outputCount)
    bindState()
  }

  deinit {
    releaseState()
    newArguments.deallocate()
    updateArguments.deallocate()
    valueArguments.deallocate()
    result.deallocate()
  }

  private static func make(
    _ new: ForeignCall, _ arguments: ForeignArguments, _ result: UnsafeMutablePointer<Int64>
  ) -> UnsafeMutableRawPointer? {
    result.pointee = 0
    new.call(result: result, arguments: arguments.pointers)
    return UnsafeMutableRawPointer(bitPattern: Int(result.pointee))
  }

  private func bindState() {
    updateArguments.set(0, pointer: state)
    valueArguments.set(0, pointer: state)
  }

  private func releaseState() {
    let arguments = ForeignArguments(count: 1)
    arguments.set(0, pointer: state)
    free.call(result: result, arguments: arguments.pointers)
    arguments.deallocate()
  }

  override func push() {
    for index in 0..<inputs.count { updateArguments.set(1 + index, double: scratch[index]) }
    result.pointee = 0
    updateCall.call(result: result, arguments: updateArguments.pointers)
    failed = updateReturnsStatus && Int32(truncatingIfNeeded: result.pointee) != 0
    count += 1
  }

  /// The library's output `index`, without the readiness check.
  private func raw(_ index: Int) -> Double {
    if valueTakesIndex { valueArguments.set(1, int: Int64(index), as: .int) }
    var output = 0.0
    withUnsafeMutablePointer(to: &output) {
      valueCall.call(result: $0, arguments: valueArguments.pointers)
    }
    return output
  }

  override func value(_ index: Int) -> Double { isReady ? raw(index) : .nan }

  override var isReady: Bool {
    guard !failed, count > 0 else { return false }
    if let lookback { return count > lookback }
    for index in 0..<outputCount where raw(index).isNaN { return false }
    return true
  }

  override var warmupCount: Int { lookback.map { $0 + 1 } ?? 1 }

  /// Makes a new state with the same arguments and frees the old one (reset is not on the hot
  /// path). If `new` returns NULL the old state is kept; either way the host's count restarts.
  override func reset() {
    if let made = Self.make(new, newArguments, result) {
      releaseState()
      state = made
      bindState()
    }
    count = 0
    failed = false
  }
}

/// Why a foreign indicator instance could not be made.
struct ForeignInstanceError: Error {
  let message: String
  init(_ message: String) { self.message = message }
}
