import FarmModel
import Foundation
import SQLite

/// Workers: registration, sign-on facts, status and queued status changes, soft deletion.
public struct WorkerRepository {
    let tx: StorageTransaction
    private var db: Connection { tx.connection }

    /// A new worker's registration facts.
    public struct Registration: Sendable {
        public var id: WorkerID
        public var name: String
        public var address: String
        public var platform: String
        public var supportedTaskTypes: [String]
        public var secretSalt: [UInt8]
        public var secretHash: [UInt8]

        /// Creates registration facts.
        public init(
            id: WorkerID, name: String, address: String, platform: String, supportedTaskTypes: [String],
            secretSalt: [UInt8], secretHash: [UInt8]
        ) {
            self.id = id
            self.name = name
            self.address = address
            self.platform = platform
            self.supportedTaskTypes = supportedTaskTypes
            self.secretSalt = secretSalt
            self.secretHash = secretHash
        }
    }

    /// Stores a new worker, status `offline` with nothing pending (protocol.md §3.1, §13 row 2).
    public func register(_ registration: Registration) throws -> Worker {
        try db.execute(
            Self.insertSQL, .text(registration.id.rawValue), .text(registration.name),
            .blob(registration.secretSalt), .blob(registration.secretHash), .text(registration.address),
            .text(registration.platform), .text(JSONValue.array(registration.supportedTaskTypes.map(JSONValue.string)).jsonText()),
            .text(tx.nowText), .text(tx.nowText))
        guard let worker = try find(rowID: db.lastInsertRowID) else {
            throw StorageError.notFound(entity: "worker", id: registration.id.rawValue)
        }
        return worker
    }

    /// The non-deleted worker with this ID.
    public func find(_ id: WorkerID) throws -> Worker? {
        try db.fetchOne(Self.selectSQL + " WHERE uuid = ? AND deleted_at IS NULL", .text(id.rawValue), map: Self.decode)
    }

    /// A worker by row ID, deleted or not.
    public func find(rowID: Int64) throws -> Worker? {
        try db.fetchOne(Self.selectSQL + " WHERE id = ?", .integer(rowID), map: Self.decode)
    }

    /// The salt and hash of a non-deleted worker's secret, for authentication.
    /// Whether the worker exists and is not deleted: one indexed read, nothing decoded.
    public func isLive(rowID: Int64) throws -> Bool {
        try db.fetchOne("SELECT 1 FROM workers WHERE id = ? AND deleted_at IS NULL", .integer(rowID), map: { _ in true }) ?? false
    }

    public func credentials(_ id: WorkerID) throws -> (rowID: Int64, salt: [UInt8], hash: [UInt8])? {
        try db.fetchOne(Self.credentialsSQL, .text(id.rawValue)) { row in
            (try row.get(0, as: Int64.self), try row.get(1, as: [UInt8].self), try row.get(2, as: [UInt8].self))
        }
    }

    /// Every worker ever registered, deleted ones included, keyed by row ID (for naming task assignees).
    public func allByRowID() throws -> [Int64: Worker] {
        Dictionary(uniqueKeysWithValues: try db.fetchAll(Self.selectSQL, map: Self.decode).map { ($0.rowID, $0) })
    }

    /// All non-deleted workers, by name.
    public func list() throws -> [Worker] {
        try db.fetchAll(Self.selectSQL + " WHERE deleted_at IS NULL ORDER BY name, id", map: Self.decode)
    }

    /// Applies a sign-on: name, address, software, can_restart and normalised task types (protocol.md §3.2).
    public func recordSignOn(
        rowID: Int64, name: String, address: String, software: String, canRestart: Bool, supportedTaskTypes: [String]
    ) throws {
        try db.execute(
            Self.signOnSQL, .text(name), .text(address), .text(software), .integer(canRestart ? 1 : 0),
            .text(JSONValue.array(supportedTaskTypes.map(JSONValue.string)).jsonText()), .text(tx.nowText), .text(tx.nowText), .integer(rowID))
    }

    /// Stores a status and pending request exactly as given.
    public func saveState(rowID: Int64, _ state: WorkerStatusState) throws {
        try db.execute(
            Self.saveStateSQL, .text(state.status.rawValue), .text(state.request?.status.rawValue ?? ""),
            .integer(state.request?.isLazy == true ? 1 : 0), .text(tx.nowText), .integer(rowID))
    }

    /// Marks the worker as seen now (every authenticated call, protocol.md §3.0), to the second: a worker calling
    /// several times within one second dirties its row (and the WAL) once, not on every call.
    public func touchLastSeen(rowID: Int64) throws {
        try db.execute(Self.touchSQL, .text(tx.nowText), .integer(rowID))
    }

    /// Soft-deletes a worker: hidden, unable to authenticate, history kept.
    public func softDelete(rowID: Int64) throws {
        try db.execute(Self.softDeleteSQL, .text(tx.nowText), .text(tx.nowText), .integer(rowID))
    }

    /// Non-deleted workers last seen at or before `cutoff`, not in `error` or `offline` (protocol.md §9).
    public func timedOut(lastSeenAtOrBefore cutoff: Date) throws -> [Worker] {
        try db.fetchAll(Self.timedOutSQL, .text(Timestamp.string(from: cutoff)), map: Self.decode)
    }

    /// Non-deleted workers seen at least once and not in `error` or `offline`: those the worker timeout watches.
    public func timeoutCandidates() throws -> [Worker] {
        try db.fetchAll(Self.timeoutCandidatesSQL, map: Self.decode)
    }

    static func decode(_ row: Row) throws -> Worker {
            let requested: String = try row.get("status_requested")
            let request = WorkerStatus(rawValue: requested).map {
                WorkerStatusRequest($0, isLazy: (try? row.get("lazy_status_request", as: Bool.self)) ?? false)
            }
            return Worker(
                rowID: try row.get("id"), id: try row.id("uuid", as: WorkerID.self), name: try row.get("name"),
                address: try row.get("address"), platform: try row.get("platform"), software: try row.get("software"),
                state: WorkerStatusState(status: try row.status("status", as: WorkerStatus.self), request: request),
                supportedTaskTypes: try row.stringArray("supported_task_types"),
                canRestart: try row.get("can_restart"), lastSeen: try row.date("last_seen_at"),
                deletedAt: try row.date("deleted_at"))
    }

    // Registers a worker.
    static let insertSQL = """
        INSERT INTO workers (uuid, name, secret_salt, secret_hash, address, platform, supported_task_types,
                             status, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, 'offline', ?, ?)
        """
    // Columns of a Worker value.
    static let selectSQL = """
        SELECT id, uuid, name, address, platform, software, status, status_requested, lazy_status_request,
               supported_task_types, can_restart, last_seen_at, deleted_at
        FROM workers
        """
    // Secret material of a live worker.
    static let credentialsSQL = "SELECT id, secret_salt, secret_hash FROM workers WHERE uuid = ? AND deleted_at IS NULL"
    // Sign-on facts; status is saved separately through the state machine.
    static let signOnSQL = """
        UPDATE workers SET name = ?, address = ?, software = ?, can_restart = ?, supported_task_types = ?,
                           updated_at = ?, last_seen_at = ?
        WHERE id = ?
        """
    // Status and queued status change.
    static let saveStateSQL = """
        UPDATE workers SET status = ?, status_requested = ?, lazy_status_request = ?, updated_at = ? WHERE id = ?
        """
    // Sign of life.
    static let touchSQL = """
        UPDATE workers SET last_seen_at = ?1
        WHERE id = ?2 AND (last_seen_at IS NULL OR substr(last_seen_at, 1, 19) <> substr(?1, 1, 19))
        """
    // Soft deletion.
    static let softDeleteSQL = "UPDATE workers SET deleted_at = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL"
    // Workers the worker timeout watches.
    static let timeoutCandidatesSQL = """
        SELECT id, uuid, name, address, platform, software, status, status_requested, lazy_status_request,
               supported_task_types, can_restart, last_seen_at, deleted_at
        FROM workers
        WHERE deleted_at IS NULL AND last_seen_at IS NOT NULL AND status NOT IN ('error', 'offline')
        """
    // Candidates for the worker timeout.
    static let timedOutSQL = """
        SELECT id, uuid, name, address, platform, software, status, status_requested, lazy_status_request,
               supported_task_types, can_restart, last_seen_at, deleted_at
        FROM workers
        WHERE deleted_at IS NULL AND last_seen_at IS NOT NULL AND last_seen_at <= ?
          AND status NOT IN ('error', 'offline')
        """
}

extension StorageTransaction {
    /// Worker rows.
    public var workers: WorkerRepository { WorkerRepository(tx: self) }
}
