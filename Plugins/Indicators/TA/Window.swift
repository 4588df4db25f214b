import PluginKit

/// The last `capacity` inputs of a series, oldest first: a fixed ring allocated once at creation,
/// so `push` never allocates.
struct Window {
  private var slots: [Double]
  private var head = 0
  /// Inputs held, at most `capacity`.
  private(set) var count = 0

  init(capacity: Int) { slots = [Double](repeating: 0, count: max(capacity, 1)) }

  var capacity: Int { slots.count }
  var isFull: Bool { count == slots.count }

  /// Adds `value`; when full, the oldest input leaves.
  mutating func push(_ value: Double) {
    slots[(head + count) % slots.count] = value
    if count < slots.count {
      count += 1
    } else {
      head = (head + 1) % slots.count
    }
  }

  /// Input `age` steps back from the newest (0 = newest); `age < count`.
  subscript(age age: Int) -> Double { slots[(head + count - 1 - age) % slots.count] }

  /// The oldest input held; `count > 0`.
  var oldest: Double { slots[head] }

  mutating func removeAll() {
    head = 0
    count = 0
  }

  /// Writes the held inputs, oldest first.
  func write(into writer: inout StateWriter) {
    writer.write((0..<count).map { self[age: count - 1 - $0] })
  }

  /// Replaces the contents with exported inputs; refuses more than `capacity`.
  mutating func read(from reader: inout StateReader) throws {
    let values = try reader.readDoubles(maxCount: slots.count)
    removeAll()
    for value in values { push(value) }
  }
}
