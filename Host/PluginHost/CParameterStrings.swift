/// NUL-terminated copies of strings, freed with the object.
final class CParameterStrings {
  private var storage: [UnsafeMutablePointer<CChar>] = []

  init(_ strings: [String]) {
    for string in strings {
      let utf8 = Array(string.utf8CString)
      let pointer = UnsafeMutablePointer<CChar>.allocate(capacity: utf8.count)
      pointer.initialize(from: utf8, count: utf8.count)
      storage.append(pointer)
    }
  }

  deinit { for pointer in storage { pointer.deallocate() } }

  func pointer(_ index: Int) -> UnsafePointer<CChar> { UnsafePointer(storage[index]) }
}
