import FarmModel
import Foundation
import SQLite

/// Jobs: submission (job, tasks and dependencies together), lookup, status, priority, tag, deletion.
public struct JobRepository {
    let tx: StorageTransaction
    private var db: Connection { tx.connection }

    /// A compiled job ready to be stored, its JSON already written so the write transaction only inserts.
    public struct Submission: Sendable {
        public var id: JobID
        public var name: String
        public var type: String
        public var priority: Int
        public var status: JobStatus
        /// The `settings` column's JSON text.
        public var settingsText: String
        /// The `metadata` column's JSON text.
        public var metadataText: String
        public var submitterPlatform: String
        public var workerTagRowID: Int64?
        public var shamanCheckoutID: String
        public var tasks: [PreparedTask]

        /// Creates a submission from prepared tasks and JSON texts.
        public init(
            id: JobID, name: String, type: String, priority: Int, status: JobStatus, settingsText: String,
            metadataText: String, submitterPlatform: String, workerTagRowID: Int64?, shamanCheckoutID: String,
            preparedTasks: [PreparedTask]
        ) {
            self.id = id
            self.name = name
            self.type = type
            self.priority = priority
            self.status = status
            self.settingsText = settingsText
            self.metadataText = metadataText
            self.submitterPlatform = submitterPlatform
            self.workerTagRowID = workerTagRowID
            self.shamanCheckoutID = shamanCheckoutID
            self.tasks = preparedTasks
        }

        /// Creates a submission, writing the settings, metadata and every task's commands as JSON text now.
        public init(
            id: JobID, name: String, type: String, priority: Int, status: JobStatus, settings: [String: JSONValue],
            metadata: [String: String], submitterPlatform: String, workerTagRowID: Int64?, shamanCheckoutID: String,
            tasks: [CompiledTask]
        ) {
            self.init(
                id: id, name: name, type: type, priority: priority, status: status,
                settingsText: JSONValue.object(settings).jsonText(), metadataText: Self.metadataText(metadata),
                submitterPlatform: submitterPlatform, workerTagRowID: workerTagRowID,
                shamanCheckoutID: shamanCheckoutID, preparedTasks: tasks.map(PreparedTask.init))
        }

        /// The `metadata` column's JSON text for `metadata`.
        public static func metadataText(_ metadata: [String: String]) -> String {
            JSONValue.object(metadata.mapValues(JSONValue.string)).jsonText()
        }
    }

    /// One task ready to be stored: its ID chosen and its commands written as the column's JSON text.
    public struct PreparedTask: Sendable {
        public var id: TaskID
        public var name: String
        public var taskType: String
        public var priority: Int
        /// The `commands` column's JSON text.
        public var commandsText: String
        public var stepsTotal: Int
        /// Indices of earlier tasks of the same job this one waits for.
        public var dependencies: [Int]

        /// Creates a prepared task from its parts.
        public init(
            id: TaskID = .random(), name: String, taskType: String, priority: Int, commandsText: String,
            stepsTotal: Int, dependencies: [Int]
        ) {
            self.id = id
            self.name = name
            self.taskType = taskType
            self.priority = priority
            self.commandsText = commandsText
            self.stepsTotal = stepsTotal
            self.dependencies = dependencies
        }

        /// Prepares a compiled task, writing its commands' JSON text.
        public init(_ task: CompiledTask) {
            self.init(
                name: task.name, taskType: task.taskType, priority: task.priority,
                commandsText: StoredCommands.text(task.commands), stepsTotal: task.stepsTotal,
                dependencies: task.dependencies)
        }
    }

    /// Stores a job with all its tasks (status `queued`) and dependencies; the caller's transaction makes it atomic.
    ///
    /// Only binds and inserts: every JSON text was written when the submission was prepared.
    public func insert(_ submission: Submission) throws -> Job {
        let schedulable = submission.status.isSchedulable
        try db.execute(
            Self.insertJobSQL, .text(submission.id.rawValue), .text(submission.name), .text(submission.type),
            .integer(Int64(submission.priority)), .text(submission.status.rawValue), .text(submission.settingsText),
            .text(submission.metadataText), .text(submission.submitterPlatform),
            submission.workerTagRowID.map { .integer($0) } ?? .null,
            .text(submission.shamanCheckoutID), .text(Job.storagePath(for: submission.id)),
            .text(tx.nowText), .text(tx.nowText))
        let jobRowID = db.lastInsertRowID
        var taskRowIDs: [Int64] = []
        taskRowIDs.reserveCapacity(submission.tasks.count)
        for (offset, task) in submission.tasks.enumerated() {
            try db.execute(
                Self.insertTaskSQL, .text(task.id.rawValue), .integer(jobRowID), .integer(Int64(offset + 1)),
                .text(task.name), .text(task.taskType), .integer(Int64(task.priority)),
                .text(task.commandsText), .integer(Int64(task.stepsTotal)),
                .text(tx.nowText), .text(tx.nowText), .integer(Int64(submission.priority)),
                .integer(schedulable ? 1 : 0), submission.workerTagRowID.map { .integer($0) } ?? .null)
            taskRowIDs.append(db.lastInsertRowID)
        }
        for (offset, task) in submission.tasks.enumerated() {
            for dependency in Set(task.dependencies) {
                // A job type's bug, not the client's: refused (and rolled back) rather than trapping.
                guard dependency >= 0, dependency < offset else {
                    throw StorageError.invalidStoredValue(
                        column: "task_dependencies", value: "task \(offset + 1) depends on task \(dependency + 1)")
                }
                try db.execute(
                    Self.insertDependencySQL, .integer(taskRowIDs[offset]), .integer(taskRowIDs[dependency]))
            }
        }
        guard let job = try find(rowID: jobRowID) else { throw StorageError.notFound(entity: "job", id: "\(jobRowID)") }
        return job
    }

    /// A job by wire ID (including deletion-requested jobs).
    public func find(_ id: JobID) throws -> Job? {
        try db.fetchOne(Self.selectSQL + " WHERE j.uuid = ?", .text(id.rawValue), map: Self.decode)
    }

    /// A job by row ID.
    public func find(rowID: Int64) throws -> Job? {
        try db.fetchOne(Self.selectSQL + " WHERE j.id = ?", .integer(rowID), map: Self.decode)
    }

    /// The few job facts the hot paths need, without decoding settings and metadata.
    public func facts(rowID: Int64) throws -> JobFacts? {
        try db.fetchOne(Self.factsSQL, .integer(rowID)) { row in
            JobFacts(
                status: try row.status("status", as: JobStatus.self), priority: try row.get("priority"),
                type: try row.get("job_type"), isDeletionRequested: try row.get("delete_requested_at", as: String?.self) != nil)
        }
    }

    /// All jobs in creation order.
    public func list() throws -> [Job] {
        try db.fetchAll(Self.selectSQL + " ORDER BY j.id", map: Self.decode)
    }

    /// Sets a job's status and, when given, its activity.
    public func setStatus(rowID: Int64, to status: JobStatus, activity: String? = nil) throws {
        try db.execute(
            Self.setStatusSQL, .text(status.rawValue), activity.map { .text($0) } ?? .null, .text(tx.nowText),
            .integer(rowID))
    }

    /// Sets a job's priority (its tasks' scheduling copies follow by trigger).
    public func setPriority(rowID: Int64, to priority: Int) throws {
        try db.execute(Self.setPrioritySQL, .integer(Int64(priority)), .text(tx.nowText), .integer(rowID))
    }

    /// Sets or clears a job's worker tag.
    public func setTag(rowID: Int64, tagRowID: Int64?) throws {
        try db.execute(Self.setTagSQL, tagRowID.map { .integer($0) } ?? .null, .text(tx.nowText), .integer(rowID))
    }

    /// Marks a job for deletion: from now on it is never scheduled.
    public func requestDeletion(rowID: Int64) throws {
        try db.execute(Self.requestDeletionSQL, .text(tx.nowText), .text(tx.nowText), .integer(rowID))
    }

    /// Deletes a job row with its tasks, dependencies, failure lists and blocklist (by cascade).
    public func delete(rowID: Int64) throws {
        try db.execute("DELETE FROM jobs WHERE id = ?", .integer(rowID))
    }

    static func decode(_ row: Row) throws -> Job {
        Job(
            rowID: try row.get("id"), id: try row.id("uuid", as: JobID.self), name: try row.get("name"),
            type: try row.get("job_type"), priority: try row.get("priority"),
            status: try row.status("status", as: JobStatus.self), activity: try row.get("activity"),
            settings: try row.jsonObject("settings"),
            metadata: try row.json("metadata", as: [String: String].self),
            submitterPlatform: try row.get("submitter_platform"),
            workerTag: try row.get("tag_uuid", as: String?.self).map { TagID(unchecked: $0) },
            shamanCheckoutID: try row.get("shaman_checkout_id"), storagePath: try row.get("storage_path"),
            stepsCompleted: try row.get("steps_completed"), stepsTotal: try row.get("steps_total"),
            created: try row.requiredDate("created_at"), updated: try row.requiredDate("updated_at"),
            deleteRequestedAt: try row.date("delete_requested_at"))
    }

    // Status, priority, type and deletion flag of one job.
    static let factsSQL = "SELECT status, priority, job_type, delete_requested_at FROM jobs WHERE id = ?"
    // Stores the job row.
    static let insertJobSQL = """
        INSERT INTO jobs (uuid, name, job_type, priority, status, settings, metadata, submitter_platform,
                          worker_tag_id, shaman_checkout_id, storage_path, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    // Stores one task, queued, with the job's scheduling facts.
    static let insertTaskSQL = """
        INSERT INTO tasks (uuid, job_id, index_in_job, name, task_type, priority, status, commands, steps_total,
                           created_at, updated_at, job_priority, job_schedulable, job_tag_id)
        VALUES (?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?, ?, ?)
        """
    // Stores one dependency edge.
    static let insertDependencySQL = "INSERT INTO task_dependencies (task_id, dependency_id) VALUES (?, ?)"
    // Columns of a Job value.
    static let selectSQL = """
        SELECT j.id, j.uuid, j.name, j.job_type, j.priority, j.status, j.activity, j.settings, j.metadata,
               j.submitter_platform, g.uuid AS tag_uuid, j.shaman_checkout_id, j.storage_path, j.steps_completed,
               j.steps_total, j.created_at, j.updated_at, j.delete_requested_at
        FROM jobs j LEFT JOIN worker_tags g ON g.id = j.worker_tag_id
        """
    // Status change.
    static let setStatusSQL = "UPDATE jobs SET status = ?, activity = coalesce(?, activity), updated_at = ? WHERE id = ?"
    // Priority change.
    static let setPrioritySQL = "UPDATE jobs SET priority = ?, updated_at = ? WHERE id = ?"
    // Tag change.
    static let setTagSQL = "UPDATE jobs SET worker_tag_id = ?, updated_at = ? WHERE id = ?"
    // Deletion request.
    static let requestDeletionSQL = """
        UPDATE jobs SET delete_requested_at = coalesce(delete_requested_at, ?), updated_at = ? WHERE id = ?
        """
}

/// A job's status, priority, type and deletion flag.
public struct JobFacts: Sendable {
    public let status: JobStatus
    public let priority: Int
    public let type: String
    public let isDeletionRequested: Bool
}

extension StorageTransaction {
    /// Job rows.
    public var jobs: JobRepository { JobRepository(tx: self) }
}
