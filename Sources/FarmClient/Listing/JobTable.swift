/// `tablao jobs`: one line per job with its status and progress.
public enum JobTable {
    /// The table of `jobs`, in the order given.
    public static func table(_ jobs: [JobRecord]) -> TextTable {
        TextTable(
            headers: ["ID", "NAME", "TYPE", "STATUS", "PRIORITY", "PROGRESS"],
            rows: jobs.map { job in
                [
                    job.id, job.name, job.type,
                    job.deleteRequestedAt == nil ? job.status : "\(job.status) (deleting)",
                    String(job.priority), progress(of: job),
                ]
            })
    }

    /// `completed/total steps (percent)`, e.g. `3/4 (75%)`.
    static func progress(of job: JobRecord) -> String {
        guard job.stepsTotal > 0 else { return "\(job.stepsCompleted)/\(job.stepsTotal)" }
        let percent = job.stepsCompleted * 100 / job.stepsTotal
        return "\(job.stepsCompleted)/\(job.stepsTotal) (\(percent)%)"
    }
}
