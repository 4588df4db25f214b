import ArgumentParser
import Foundation
import Store

/// `--state-dir` and `--store`: where a journal is. `--store` (a PostgreSQL URL, `sqlite:PATH`
/// or a path) wins; else `journal.sqlite` in the state folder.
struct StoreOptions: ParsableArguments {
  @Option(
    name: .long,
    help:
      "The state folder whose journal.sqlite is the store (default $XDG_STATE_HOME/tradehost or ~/.local/state/tradehost)."
  )
  var stateDir: String?

  @Option(
    name: .long,
    help: "The store: postgres://USER:PASSWORD@HOST:PORT/DB, sqlite:PATH or a path (default: journal.sqlite in --state-dir)."
  )
  var store: String?

  /// The store's location, or an error message for a bad `--store`.
  func location() throws -> StoreLocation {
    if let store {
      guard let location = StoreLocation(parsing: store) else {
        printError("--store needs a PostgreSQL URL, sqlite:PATH or a path, not '\(store)'")
        throw ExitCode(2)
      }
      return location
    }
    return .stateFolder(StateFolder.resolve(stateDir))
  }
}

/// The state folder: `--state-dir`, or `$XDG_STATE_HOME/tradehost`, or `~/.local/state/tradehost`.
enum StateFolder {
  static func resolve(_ given: String?) -> String {
    if let given { return given }
    let environment = ProcessInfo.processInfo.environment
    if let state = environment["XDG_STATE_HOME"], !state.isEmpty { return state + "/tradehost" }
    return (environment["HOME"] ?? NSHomeDirectory()) + "/.local/state/tradehost"
  }
}
