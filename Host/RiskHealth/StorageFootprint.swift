/// An array's capacity and buffer address: the same footprint before and after a run of calls
/// means the calls neither grew nor reallocated it. Tests only (reading it does not copy).
struct StorageFootprint: Equatable, Sendable {
  /// The array's capacity.
  var capacity: Int
  /// The address of its buffer.
  var address: UInt

  init<Element>(_ array: [Element]) {
    self.capacity = array.capacity
    self.address = array.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
  }
}
