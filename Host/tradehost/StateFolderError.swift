import Control

/// The paper host's words for a state folder (`--state-dir`) it will not use: one that another
/// user owns or may write to could have a forged `risk-state.json` (an account un-halted) or a
/// swapped audit log put in it, so the host refuses to start rather than trust it.
enum StateFolderError {
  /// One sentence for `error`, from `PrivateDirectory.prepare(folder)`.
  static func describe(_ error: ControlError, folder: String) -> String {
    switch error {
    case .notADirectory(let path):
      "the state folder \(path) is not a directory"
    case .directoryNotOwned(let path, let owner, let user):
      "refusing to keep the risk state in \(path): it belongs to uid \(owner), not to you "
        + "(uid \(user)); give another --state-dir"
    case .directoryTooOpen(let path, let mode):
      "refusing to keep the risk state in \(path): its mode \(String(mode, radix: 8)) lets "
        + "other users write to it (run `chmod go-w \(path)` or give another --state-dir)"
    default:
      "cannot prepare the state folder \(folder): \(error)"
    }
  }
}
