/// The parts of the Manager's JSON answers the end-to-end tests read (protocol.md §10), snake_case on the wire.
enum Wire {
    /// `Job`.
    struct Job: Decodable, Sendable {
        let id: String
        let name: String
        let status: String
        let settings: Settings?

        /// The settings the tests look at after compilation (`{timestamp}` already replaced).
        struct Settings: Decodable, Sendable {
            let renderOutputPath: String?
        }
    }

    /// `JobTasksSummary`.
    struct JobTasks: Decodable, Sendable {
        let tasks: [Task]
    }

    /// `Task` and `TaskSummary` (the summary has no activity).
    struct Task: Decodable, Sendable {
        let id: String
        let name: String
        let status: String
        let activity: String?
        let stepsCompleted: Int
        let stepsTotal: Int
        let worker: TaskWorker?
    }

    /// `TaskWorker`; empty strings for a task never assigned.
    struct TaskWorker: Decodable, Sendable {
        let id: String
        let name: String
    }

    /// `TaskLogInfo`.
    struct TaskLogInfo: Decodable, Sendable {
        let url: String
        let size: Int
    }

    /// `WorkerList`.
    struct WorkerList: Decodable, Sendable {
        let workers: [WorkerSummary]
    }

    /// `WorkerSummary`.
    struct WorkerSummary: Decodable, Sendable {
        let id: String
        let name: String
        let status: String
    }

    /// `JobLastRenderedImageInfo`.
    struct LastRenderedInfo: Decodable, Sendable {
        let base: String
        let suffixes: [String]
    }
}
