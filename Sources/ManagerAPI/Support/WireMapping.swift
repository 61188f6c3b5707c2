import Farm
import FarmModel
import Foundation

/// Domain values → wire DTOs. Domain types are never encoded directly.
enum WireMapping {
    static func job(_ job: FarmModel.Job) -> Job {
        Job(
            name: job.name, type: job.type, priority: job.priority, submitterPlatform: job.submitterPlatform,
            settings: shown(job.settings), metadata: job.metadata,
            storage: job.shamanCheckoutID.isEmpty ? nil : JobStorageInfo(shamanCheckoutID: job.shamanCheckoutID),
            workerTag: job.workerTag?.rawValue, id: job.id, created: job.created, updated: job.updated,
            status: job.status, activity: job.activity, stepsCompleted: job.stepsCompleted, stepsTotal: job.stepsTotal,
            deleteRequestedAt: job.deleteRequestedAt)
    }

    /// Flamenco always sends `worker`; a never-assigned task gets empty strings, a deleted worker only its ID
    /// (protocol.md §10.2).
    static func taskWorker(_ worker: FarmModel.Worker?) -> TaskWorker {
        guard let worker else { return TaskWorker(id: "", name: "", address: "") }
        guard worker.deletedAt == nil else { return TaskWorker(id: worker.id.rawValue, name: "", address: "") }
        return TaskWorker(id: worker.id.rawValue, name: worker.name, address: worker.address)
    }

    static func commands(_ commands: [CompiledCommand]) -> [Command] {
        commands.map { Command(name: $0.name, parameters: shown($0.parameters), totalStepCount: $0.totalStepCount) }
    }

    /// What replaces a stored value nested deeper than submissions may nest (older Managers stored such values).
    static let tooDeepMarker = JSONValue.string(
        "(nested deeper than \(JobStorageLimits.maximumNestingDepth) levels; not shown)")

    /// A stored settings or parameters object as answered: each value cut to the nesting depth a submission may
    /// have, so every answer encodes (JSONEncoder refuses a few hundred levels).
    static func shown(_ object: [String: JSONValue]) -> [String: JSONValue] {
        object.mapValues { $0.pruned(toDepth: JobStorageLimits.maximumNestingDepth, replacement: tooDeepMarker) }
    }

    static func taskSummary(_ view: TaskView) -> TaskSummary {
        let task = view.task
        return TaskSummary(
            id: task.id, name: task.name, status: task.status, indexInJob: task.indexInJob, priority: task.priority,
            taskType: task.taskType, updated: task.updated, stepsCompleted: task.stepsCompleted,
            stepsTotal: task.stepsTotal, worker: taskWorker(view.worker))
    }

    static func taskDetails(_ view: TaskView) -> TaskDetails {
        let task = view.task
        return TaskDetails(
            id: task.id, created: task.created, updated: task.updated, jobID: task.jobID, indexInJob: task.indexInJob,
            name: task.name, status: task.status, priority: task.priority, taskType: task.taskType,
            activity: task.activity, commands: commands(task.commands), stepsCompleted: task.stepsCompleted,
            stepsTotal: task.stepsTotal, worker: taskWorker(view.worker), lastTouched: task.lastTouched,
            failedByWorkers: view.failedBy.map { taskWorker($0) })
    }

    static func statusChange(_ worker: FarmModel.Worker) -> WorkerStatusChangeRequest? {
        worker.state.request.map { WorkerStatusChangeRequest(status: $0.status, isLazy: $0.isLazy) }
    }

    static func workerSummary(_ worker: FarmModel.Worker) -> WorkerSummary {
        WorkerSummary(
            id: worker.id, name: worker.name, status: worker.state.status, version: worker.software,
            canRestart: worker.canRestart, lastSeen: worker.lastSeen, statusChange: statusChange(worker))
    }

    static func worker(_ view: WorkerView) -> Worker {
        let worker = view.worker
        return Worker(
            id: worker.id, name: worker.name, status: worker.state.status, version: worker.software,
            canRestart: worker.canRestart, lastSeen: worker.lastSeen, statusChange: statusChange(worker),
            ipAddress: worker.address, platform: worker.platform, supportedTaskTypes: worker.supportedTaskTypes,
            tags: view.tags.isEmpty ? nil : view.tags.map(tag),
            task: view.task.map { task in
                WorkerTask(
                    id: task.id, name: task.name, status: task.status, indexInJob: task.indexInJob,
                    priority: task.priority, taskType: task.taskType, updated: task.updated,
                    stepsCompleted: task.stepsCompleted, stepsTotal: task.stepsTotal, worker: taskWorker(worker),
                    jobID: task.jobID)
            })
    }

    static func tag(_ tag: FarmModel.WorkerTag) -> WorkerTag {
        WorkerTag(id: tag.id.rawValue, name: tag.name, description: tag.description.isEmpty ? nil : tag.description)
    }

    static func jobType(_ definition: JobTypeDefinition) -> AvailableJobType {
        AvailableJobType(
            name: definition.name, label: definition.label, description: definition.description,
            settings: definition.settings.map(setting), etag: definition.etag)
    }

    static func setting(_ setting: JobSettingDefinition) -> AvailableJobSetting {
        var propargs: [String: JSONValue]?
        if case .object(let object)? = setting.propargs { propargs = object }
        return AvailableJobSetting(
            key: setting.key, type: AvailableJobSettingType(rawValue: setting.type.rawValue) ?? .string,
            subtype: setting.subtype.flatMap { AvailableJobSettingSubtype(rawValue: $0.rawValue) },
            choices: setting.choices, propargs: propargs, description: setting.description, label: setting.label,
            defaultValue: setting.defaultValue, eval: setting.eval,
            evalInfo: setting.evalInfo.map {
                AvailableJobSettingEvalInfo(showLinkButton: $0.showLinkButton, description: $0.description)
            },
            visible: setting.visible.flatMap { AvailableJobSettingVisibility(rawValue: $0.rawValue) },
            required: setting.required, editable: setting.editable)
    }
}
