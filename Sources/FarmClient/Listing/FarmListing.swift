/// `tablao jobs` and `tablao workers`: what the Manager holds, as tables.
public struct FarmListing: Sendable {
    let client: FarmAPIClient

    /// A listing read through `client`.
    public init(client: FarmAPIClient) {
        self.client = client
    }

    /// Every job as a table.
    public func jobsTable() async throws(FarmClientError) -> TextTable {
        JobTable.table(try await client.jobs())
    }

    /// Every worker with its task (one `fetch_worker` per worker) as a table.
    public func workersTable() async throws(FarmClientError) -> TextTable {
        var rows: [WorkerTable.Row] = []
        for worker in try await client.workers() {
            rows.append(WorkerTable.Row(worker: worker, task: try await client.task(ofWorker: worker.id)))
        }
        return WorkerTable.table(rows)
    }
}
