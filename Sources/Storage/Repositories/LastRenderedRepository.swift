import FarmModel
import SQLite

/// Which jobs have rendered previews, and which job rendered last farm-wide.
public struct LastRenderedRepository {
    let tx: StorageTransaction
    private var db: Connection { tx.connection }

    /// Records that a job's previews were just written; nothing when the job is gone.
    public func record(_ jobID: JobID) throws {
        try db.execute(Self.recordSQL, .text(tx.nowText), .text(jobID.rawValue))
    }

    /// The job that most recently got previews, if any remains.
    public func latestJob() throws -> JobID? {
        try db.scalar(Self.latestSQL, as: String.self).map { JobID(unchecked: $0) }
    }

    // Insert or refresh a job's entry by its wire ID.
    static let recordSQL = """
        INSERT INTO last_rendered (job_id, updated_at) SELECT id, ?1 FROM jobs WHERE uuid = ?2
        ON CONFLICT (job_id) DO UPDATE SET updated_at = excluded.updated_at
        """
    // The farm-wide last-rendered job.
    static let latestSQL = """
        SELECT j.uuid FROM last_rendered r JOIN jobs j ON j.id = r.job_id ORDER BY r.updated_at DESC, r.job_id DESC LIMIT 1
        """
}

extension StorageTransaction {
    /// Last-rendered bookkeeping.
    public var lastRendered: LastRenderedRepository { LastRenderedRepository(tx: self) }
}
