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

/// A bar as the caller passed it, with the fields past its `struct_size` zero (a bar from a host
/// or plugin built before ABI 1.4 is 56 bytes: its `aggregation` and `step` read as 0). A size
/// below ABI 1.0's is read as 1.0's: the fields every bar has.
@inline(__always)
func readBar(_ source: UnsafePointer<th_bar>) -> th_bar {
  let size = Int(UnsafeRawPointer(source).loadUnaligned(as: UInt32.self))
  if size >= MemoryLayout<th_bar>.size { return source.pointee }
  var bar = th_bar()
  withUnsafeMutableBytes(of: &bar) { bytes in
    bytes.baseAddress!.copyMemory(
      from: UnsafeRawPointer(source), byteCount: max(size, Int(TH_BAR_SIZE_1_0)))
  }
  return bar
}
