import Logging

/// The `LogHandler` behind every `Logger` of the host: hands each record to a `HostLog` with
/// its label and its `source` metadata (the plugin, slot or venue a kernel line is about).
/// Other metadata is appended to the message as `key=value`.
struct HostLogHandler: LogHandler {
  let label: String
  let log: HostLog
  var metadata: Logger.Metadata = [:]
  /// Records below it are not formatted at all. Follows the log's thresholds unless set.
  var logLevel: Logger.Level {
    get { override ?? log.threshold }
    set { override = newValue }
  }
  private var override: Logger.Level?

  init(label: String, log: HostLog) {
    self.label = label
    self.log = log
  }

  subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  func log(event: LogEvent) {
    var merged = metadata
    if let extra = event.metadata { merged.merge(extra) { $1 } }
    let source = merged.removeValue(forKey: "source").map { "\($0)" }
    var text = "\(event.message)"
    if !merged.isEmpty {
      text +=
        " "
        + merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(
          separator: " ")
    }
    log.write(level: event.level, label: label, source: source, message: text)
  }
}
