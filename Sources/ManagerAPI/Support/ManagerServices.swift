import Logging
import Farm
import FarmModel
import Foundation
import Storage

/// Everything the HTTP layer calls, built once by the composition root (or a test).
public struct ManagerServices: Sendable {
    /// The farm's shared context.
    public let context: FarmContext
    /// Worker credential checks.
    public let authenticator: WorkerAuthenticator
    /// Thumbnail processing of uploaded frames.
    public let pipeline: LastRenderedPipeline
    /// The Manager's display name (`get_version`).
    public let managerName: String
    /// The job types offered and compiled: the built-in ones, plus job-type scripts when configured.
    public let jobTypes: any JobTypeSource
    /// The Prometheus instruments `/metrics` emits.
    public let metrics: ManagerMetrics

    /// Wires the services over one database and settings; `metrics` (a fresh registry by default) starts observing
    /// the database's writer.
    public init(
        context: FarmContext, pipeline: LastRenderedPipeline, managerName: String = "Tablao",
        jobTypes: any JobTypeSource = JobTypeRegistry.builtIn, metrics: ManagerMetrics = ManagerMetrics()
    ) {
        self.context = context
        self.authenticator = WorkerAuthenticator(database: context.database)
        self.pipeline = pipeline
        self.managerName = managerName
        self.jobTypes = jobTypes
        self.metrics = metrics
        metrics.observe(context.database)
    }

    var lifecycle: WorkerLifecycle { WorkerLifecycle(context: context) }
    var scheduler: TaskScheduler { TaskScheduler(context: context) }
    var updates: TaskUpdates { TaskUpdates(context: context) }
    var mayKeepRunning: MayKeepRunningCheck { MayKeepRunningCheck(context: context) }
    var uploads: OutputUploads { OutputUploads(context: context, pipeline: pipeline) }
    var submissions: JobSubmissions { JobSubmissions(context: context, catalog: jobTypes) }
    var jobChanges: JobChanges { JobChanges(context: context) }
    var deletion: JobDeletion { JobDeletion(context: context) }
    var queries: FarmQueries { FarmQueries(context: context) }
    var workerManagement: WorkerManagement { WorkerManagement(context: context) }
    var workerTags: WorkerTags { WorkerTags(context: context) }
}
