import ArgumentParser
import Foundation
import SQLite
import Storage

/// `tablao migrate status|up|verify`: inspect and upgrade a database's schema.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Inspect, upgrade and verify a Tablao database's schema.",
        subcommands: [Status.self, Up.self, Verify.self])

    /// `tablao migrate status`: applied and pending migrations.
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List applied and pending migrations.")
        @OptionGroup var options: DatabaseOption

        func run() throws {
            let connection = try MigrateCommand.openExisting(options.database)
            let migrator = Migrator()
            let status = try migrator.status(of: connection)
            print("database: \(options.database)")
            print("version: \(status.currentVersion) (this binary knows up to \(migrator.latestVersion))")
            for applied in status.applied {
                let mark = status.edited.contains(applied) ? "EDITED" : status.unknown.contains(applied) ? "UNKNOWN" : "ok"
                print("applied  \(String(format: "%04d", applied.version))  \(applied.name)  \(applied.appliedAt)  \(mark)")
            }
            for pending in status.pending {
                print("pending  \(String(format: "%04d", pending.version))  \(pending.name)")
            }
            if status.pending.isEmpty && status.edited.isEmpty && status.unknown.isEmpty { print("up to date") }
        }
    }

    /// `tablao migrate up`: backup, then apply pending migrations.
    struct Up: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Back up the database beside itself, then apply pending migrations.")
        @OptionGroup var options: DatabaseOption
        @Option(name: .long, help: "Stop after this migration version.") var to: Int?
        @Flag(name: .long, help: "Create a new database when none exists at --database (else that is an error).")
        var create = false

        func run() throws {
            if !create && !FileManager.default.fileExists(atPath: options.database) {
                throw failCommand(
                    "migrate up",
                    "no database at \(options.database); check the path, or pass --create to create a new database there")
            }
            // Never migrate under a running Manager; the lock's record is left as it is.
            let lock: ManagerLock
            do {
                lock = try ManagerLock.acquire(forDatabase: options.database)
            } catch {
                throw failCommand("migrate up", "\(error)")
            }
            defer { lock.release() }
            for leftover in Backup.removeUnfinished(besides: options.database) {
                print("removed an unfinished backup a killed migration left behind: \(leftover)")
            }
            var databaseOptions = DatabaseOptions(path: options.database)
            databaseOptions.migrationPolicy = .upgradeWithBackup
            let connection = try DatabaseOpener.openConnection(databaseOptions)
            let migrator = Migrator()
            let status = try migrator.status(of: connection)
            try migrator.verify(status)
            if let to, to < status.currentVersion {
                throw failCommand(
                    "migrate up", "the database is at \(status.currentVersion); migrations only go forward: give --to "
                        + "\(status.currentVersion) or higher, or restore a backup",
                    status: .validationFailure)
            }
            let target = to ?? migrator.latestVersion
            guard status.pending.contains(where: { $0.version <= target }) else {
                print("up to date at version \(status.currentVersion)")
                return
            }
            if !status.applied.isEmpty {
                let backup = try Backup.takeBeforeMigrating(connection, status: status, now: Date())
                print("backup: \(backup)")
            }
            let applied = try migrator.migrate(connection, to: target)
            for version in applied { print("applied \(String(format: "%04d", version))") }
            print("now at version \(applied.last ?? status.currentVersion)")
        }
    }

    /// `tablao migrate verify`: non-zero exit for edited or unknown migrations or a failed integrity check.
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check migrations and run PRAGMA integrity_check; exit non-zero on any problem.")
        @OptionGroup var options: DatabaseOption

        func run() throws {
            let connection = try MigrateCommand.openExisting(options.database)
            let migrator = Migrator()
            let status = try migrator.status(of: connection)
            try migrator.verify(status)
            try IntegrityCheck.run(on: connection, full: true)
            print("ok: version \(status.currentVersion), \(status.pending.count) pending, integrity ok")
        }
    }

    /// Opens a database that must already exist (status and verify never create one).
    static func openExisting(_ path: String) throws -> Connection {
        guard FileManager.default.fileExists(atPath: path) else {
            throw failCommand("migrate", "no database at \(path): give the file's path with --database",
                status: .validationFailure)
        }
        return try DatabaseOpener.openConnection(DatabaseOptions(path: path))
    }
}
