import Foundation
#if canImport(Glibc)
  import Glibc
#endif
import MarketData

/// The latched risk states on disk: one JSON file, replaced atomically and durably on every
/// change (a temporary file, flushed, renamed over the old one, then the folder flushed:
/// `AtomicFile`), read at start so a tripped limit survives a restart.
///
/// Called on the kernel thread on state changes (rare); blocks on the disk.
public enum RiskStateFile {
  /// The saved states, or `nil` when `path` does not exist. Throws a readable error when the
  /// file exists but cannot be read or parsed.
  public static func load(_ path: String) throws(RiskError) -> RiskStateSnapshot? {
    guard FileManager.default.fileExists(atPath: path) else { return nil }
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw RiskError("cannot read the risk state file \(path): \(error.localizedDescription)")
    }
    let snapshot: RiskStateSnapshot
    do {
      snapshot = try JSONDecoder().decode(RiskStateSnapshot.self, from: data)
    } catch {
      throw RiskError(
        "the risk state file \(path) is not a saved risk state (\(Self.describe(error))); fix or move it, the host will not guess the states"
      )
    }
    let entries =
      [("account", snapshot.account)] + snapshot.slots.map { ("slot \($0.key)", $0.value) }
      + snapshot.instruments.map { ("instrument \($0.key)", $0.value) }
    for (scope, entry) in entries.sorted(by: { $0.0 < $1.0 }) where entry.latched == nil {
      throw RiskError(
        "the risk state file \(path) gives \(scope) the unknown state '\(entry.state)' (known: active, reducing, paused, halted); fix or move it, the host will not guess the states"
      )
    }
    return snapshot
  }

  /// Writes `snapshot` to `path` atomically, as a file only its owner may read or write (0600).
  /// The system calls go through `calls` (a test seam).
  public static func save(
    _ snapshot: RiskStateSnapshot, to path: String, calls: any FileCalls = SystemFileCalls()
  ) throws(RiskError) {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
    let data: Data
    do {
      data = try encoder.encode(snapshot)
    } catch {
      throw RiskError("cannot encode the risk state for \(path): \(error.localizedDescription)")
    }
    do throws(DataCacheError) {
      try AtomicFile.write([UInt8](data), to: path, mode: 0o600, durable: true, calls: calls)
    } catch {
      throw RiskError("cannot write the risk state file \(path): \(error.message)")
    }
  }

  /// Checks that the state folder `folder` can take a durable write now (a probe file written,
  /// flushed, renamed and removed, through `calls`); one sentence when it cannot. The host runs
  /// it before it trades: a kill switch whose state cannot be saved must be known at start.
  public static func checkWritable(folder: String, calls: any FileCalls = SystemFileCalls())
    throws(RiskError)
  {
    let probe = folder + "/.write-check-\(getpid())"
    do throws(DataCacheError) {
      try AtomicFile.write(Array("ok\n".utf8), to: probe, mode: 0o600, durable: true, calls: calls)
    } catch {
      throw RiskError(
        "cannot write the state folder \(folder) (\(error.message)); the host does not trade without saving its audit log and risk state"
      )
    }
    unlink(probe)
  }

  private static func describe(_ error: Error) -> String {
    switch error {
    case DecodingError.keyNotFound(let key, _): "missing key '\(key.stringValue)'"
    case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
      DecodingError.dataCorrupted(let context):
      context.codingPath.isEmpty
        ? context.debugDescription
        : "at \(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)"
    default: "\(error)"
    }
  }
}
