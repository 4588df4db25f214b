/// Copies a struct the host passed after checking its `struct_size` (the first field of every
/// ABI struct): a struct shorter than `minimumSize` (default: the whole struct as this plugin was
/// compiled) is refused with `PluginError.invalidArgument` instead of being read past its end.
/// A longer struct from a newer host is read as far as this plugin knows it; a shorter one (at
/// least `minimumSize`, from an older host) as far as its `struct_size` goes, the rest of
/// `target` left as the caller set it (zero: the field's "absent" value).
func copyHostStruct<T>(
  _ source: UnsafePointer<T>?, into target: inout T, name: String,
  minimumSize: Int = MemoryLayout<T>.size
) throws {
  guard let source else { throw PluginError.invalidArgument("\(name) pointer is NULL") }
  let size = Int(UnsafeRawPointer(source).loadUnaligned(as: UInt32.self))
  guard size >= minimumSize else {
    throw PluginError.invalidArgument(
      "\(name) has struct_size \(size), shorter than the \(minimumSize) bytes this plugin reads")
  }
  if size >= MemoryLayout<T>.size {
    target = source.pointee
    return
  }
  withUnsafeMutableBytes(of: &target) { bytes in
    bytes.baseAddress!.copyMemory(from: UnsafeRawPointer(source), byteCount: size)
  }
}
