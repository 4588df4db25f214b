/// What `FileTrigger` does with a trigger file once it has read it, so each creation fires once.
public enum TriggerFileDisposal: Sendable, Hashable {
  /// Delete it.
  case remove
  /// Rename it to `<name>.done` (replacing an earlier one): a sign that the host took it.
  case renameToDone
}
