import Glibc

/// The process's CPU time and resident memory, for `/metrics` (`getrusage` and
/// `/proc/self/statm`).
public struct ProcessUsage: Sendable, Equatable {
  /// User plus system CPU time, seconds.
  public var cpuSeconds: Double
  /// Resident set size, bytes (0 when /proc is not readable).
  public var residentBytes: Int64
  /// Open file descriptors (0 when /proc is not readable).
  public var openFiles: Int

  /// The current figures.
  public static func current() -> ProcessUsage {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    let cpu =
      Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
      + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    var resident: Int64 = 0
    if let file = fopen("/proc/self/statm", "r") {
      var line = [CChar](repeating: 0, count: 128)
      if fgets(&line, Int32(line.count), file) != nil {
        let bytes = line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        let fields = String(decoding: bytes, as: UTF8.self).split(separator: " ")
        if fields.count >= 2, let pages = Int64(fields[1]) {
          resident = pages * Int64(sysconf(Int32(_SC_PAGESIZE)))
        }
      }
      fclose(file)
    }
    var files = 0
    if let directory = opendir("/proc/self/fd") {
      while readdir(directory) != nil { files += 1 }
      closedir(directory)
      files = max(0, files - 3)  // ".", ".." and the directory's own descriptor
    }
    return ProcessUsage(cpuSeconds: cpu, residentBytes: resident, openFiles: files)
  }
}
