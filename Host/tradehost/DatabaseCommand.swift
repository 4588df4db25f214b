import ArgumentParser
import Control
import Foundation
import Kernel
import MarketData
import Store

/// `tradehost db`: the journal's store, with no host running.
struct DatabaseCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "db",
    abstract: "The journal's store: schema migrations, status and backups (docs/persistence.md).",
    subcommands: [Migrate.self, Status.self, Backup.self])

  /// `tradehost db migrate`: creates the store if needed and applies pending migrations.
  struct Migrate: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "migrate",
      abstract: "Apply the schema migrations the store lacks (creating a SQLite file if none).")

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
      let location = try storeOptions.location()
      if case .sqlite(let path) = location {
        try DatabaseCommand.prepareFolder(of: path, defaultFolder: storeOptions.store == nil)
      }
      do throws(StoreError) {
        let store = try location.open(create: true)
        let applied = try store.migrate(at: WallClock().now())
        let version = try store.status().version
        if applied.isEmpty {
          print("\(store.name): schema at version \(version), nothing to migrate")
        } else {
          for migration in applied { print("applied \(migration.version): \(migration.name)") }
          print("\(store.name): schema at version \(version)")
        }
      } catch {
        printError(error.description)
        throw ExitCode(1)
      }
    }
  }

  /// `tradehost db status`: the schema's version, its migrations and the sessions.
  struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "status",
      abstract: "Show the store's schema version, migrations and sessions (writes nothing).")

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
      let location = try storeOptions.location()
      do throws(StoreError) {
        let store = try location.open(create: false)
        let status = try store.status()
        print(store.name)
        print("schema version \(status.version) (this binary: \(status.latest))")
        for applied in status.applied {
          print(
            "  \(applied.version)  \(applied.name)  applied \(TimestampText.iso8601(applied.appliedAt))")
        }
        for pending in status.pending { print("  \(pending.version)  \(pending.name)  pending") }
        if status.isNewer {
          throw StoreError.newer(status, store: store.name)
        }
        guard status.version == status.latest else { return }
        let sessions = try store.sessions()
        print("sessions: \(sessions.count)")
        for session in sessions.suffix(10) {
          let end =
            session.stoppedAt.map { "stopped \(TimestampText.iso8601($0))" }
            ?? "no stop marker (killed, crashed or still running)"
          print(
            "  \(session.id)  \(session.note)  started \(TimestampText.iso8601(session.startedAt))  \(end)"
          )
        }
      } catch {
        printError(error.description)
        throw ExitCode(1)
      }
    }
  }

  /// `tradehost db backup FILE`: a consistent copy of the SQLite journal, even while a host
  /// writes it.
  struct Backup: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "backup",
      abstract: "Copy the SQLite journal to FILE (online backup; PostgreSQL: use pg_dump).")

    @Argument(help: "The new file (an existing one is refused).")
    var file: String

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
      switch try storeOptions.location() {
      case .postgres:
        printError(
          "db backup copies SQLite journals; for PostgreSQL use pg_dump (docs/persistence.md)")
        throw ExitCode(2)
      case .sqlite(let path):
        do throws(StoreError) {
          try SQLiteBackup.copy(from: path, to: file)
          print("backed up \(path) to \(file)")
        } catch {
          printError(error.description)
          throw ExitCode(1)
        }
      }
    }
  }

  /// The default state folder is made private when missing (as `run` makes it); a folder
  /// given through a path is used as it is.
  static func prepareFolder(of path: String, defaultFolder: Bool) throws {
    guard defaultFolder else { return }
    let folder = (path as NSString).deletingLastPathComponent
    do throws(ControlError) {
      try PrivateDirectory.prepare(folder)
    } catch {
      printError(StateFolderError.describe(error, folder: folder))
      throw ExitCode(1)
    }
  }
}
