/// A cash balance at a venue (`th_balance`), as an exchange adapter reports it.
public struct VenueBalance: Sendable, Hashable {
  /// ISO code or venue asset name, at most 7 bytes of UTF-8 (longer names are cut at a
  /// character boundary when copied to the host).
  public var currency: String
  public var total: Double
  /// What is free for new orders.
  public var available: Double

  public init(currency: String, total: Double, available: Double) {
    self.currency = currency
    self.total = total
    self.available = available
  }

  /// The C form.
  var raw: th_balance {
    var balance = th_balance()
    balance.struct_size = UInt32(MemoryLayout<th_balance>.size)
    balance.total = total
    balance.available = available
    withUnsafeMutableBytes(of: &balance.currency) { copyCString(currency, into: $0) }
    return balance
  }
}

/// Writes `text` NUL-terminated into a fixed C array, cut at a UTF-8 character boundary.
func copyCString(_ text: String, into buffer: UnsafeMutableRawBufferPointer) {
  guard buffer.count > 0 else { return }
  let utf8 = Array(text.utf8)
  var end = min(utf8.count, buffer.count - 1)
  while end > 0 && end < utf8.count && (utf8[end] & 0xC0) == 0x80 { end -= 1 }
  for index in 0..<end { buffer[index] = utf8[index] }
  for index in end..<buffer.count { buffer[index] = 0 }
}
