import FarmModel
import Foundation
import ManagerAPI

/// One DTO type with a fully populated and a minimal instance, named after its schema in `openapi3.json`.
struct WireSample: Sendable, CustomStringConvertible {
    let schema: String
    /// Every optional property set, recursively.
    let full: any Encodable & Sendable
    /// Every optional property absent.
    let minimal: any Encodable & Sendable
    /// Encodes both instances with ``WireJSON`` and tells whether decoding gives them back unchanged.
    let roundTrips: @Sendable () throws -> Bool

    init<Value: Codable & Hashable & Sendable>(_ schema: String, full: Value, minimal: Value) {
        self.schema = schema
        self.full = full
        self.minimal = minimal
        self.roundTrips = {
            try [full, minimal].allSatisfy { value in
                try WireJSON.decoder.decode(Value.self, from: WireJSON.encoder.encode(value)) == value
            }
        }
    }

    var description: String { schema }
}

/// Fixtures shared by the encoding and schema tests.
enum WireSamples {
    static let when = WireDate.date(from: "2024-05-01T09:15:02.123Z")!
    static let later = WireDate.date(from: "2024-05-01T09:20:00Z")!
    static let workerID = WorkerID(validating: "0e5b6c1a-3f4d-4e2a-9b8c-7d6e5f4a3b2c")!
    static let jobID = JobID(validating: "b3c0a1d2-e3f4-4a5b-8c6d-7e8f9a0b1c2d")!
    static let taskID = TaskID(validating: "5f1e2d3c-4b5a-4968-8776-655443322110")!
    static let tagID = TagID(validating: "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d")!

    static let command = Command(
        name: "blender-render", parameters: ["exe": .string("{blender}"), "argsBefore": .array([])],
        totalStepCount: 3)
    static let taskWorker = TaskWorker(id: workerID.rawValue, name: "render-07", address: "192.168.1.27")
    static let statusChange = WorkerStatusChangeRequest(status: .asleep, isLazy: true)
    static let fullTag = WorkerTag(id: tagID.rawValue, name: "gpu", description: "Machines with a GPU")
    static let minimalTag = WorkerTag(name: "gpu")
    static let fullStorage = JobStorageInfo(shamanCheckoutID: "scene-2024")

    static let fullJob = Job(
        name: "scene", type: "simple-blender-render", priority: 50, submitterPlatform: "linux",
        typeEtag: "0123456789abcdef0123456789abcdef01234567",
        settings: ["frames": .string("1-10"), "chunk_size": .int(3), "fps": .double(24.5)],
        metadata: ["project": "sprite"], storage: fullStorage, workerTag: tagID.rawValue,
        initialStatus: .queued, id: jobID, created: when, updated: later, status: .active,
        activity: "Queued", stepsCompleted: 3, stepsTotal: 11, deleteRequestedAt: later)
    static let minimalJob = Job(
        name: "scene", type: "echo-sleep-test", priority: 50, submitterPlatform: "", id: jobID,
        created: when, updated: when, status: .queued, activity: "", stepsCompleted: 0, stepsTotal: 2)

    static let fullTaskSummary = TaskSummary(
        id: taskID, name: "render-1-3", status: .active, indexInJob: 1, priority: 50, taskType: "blender",
        updated: when, stepsCompleted: 1, stepsTotal: 3, worker: taskWorker)
    static let minimalTaskSummary = TaskSummary(
        id: taskID, name: "render-1-3", status: .queued, indexInJob: 1, priority: 50, taskType: "blender",
        updated: when, stepsCompleted: 0, stepsTotal: 3)

    static let fullWorkerTask = WorkerTask(
        id: taskID, name: "render-1-3", status: .active, indexInJob: 1, priority: 50, taskType: "blender",
        updated: when, stepsCompleted: 1, stepsTotal: 3, worker: taskWorker, jobID: jobID)
    static let minimalWorkerTask = WorkerTask(
        id: taskID, name: "render-1-3", status: .active, indexInJob: 1, priority: 50, taskType: "blender",
        updated: when, stepsCompleted: 1, stepsTotal: 3, jobID: jobID)

    static let fullWorkerSummary = WorkerSummary(
        id: workerID, name: "render-07", status: .awake, version: "3.9-beta1", canRestart: true, lastSeen: when,
        statusChange: statusChange)
    static let minimalWorkerSummary = WorkerSummary(
        id: workerID, name: "render-07", status: .offline, version: "", canRestart: false)

    static let fullSetting = AvailableJobSetting(
        key: "frames", type: .string, subtype: .filePath, choices: ["PNG", "JPEG"], propargs: ["min": .int(0)],
        description: "Frames to render", label: "Frames", defaultValue: .string("1-10"),
        eval: "f'{C.scene.frame_start}-{C.scene.frame_end}'",
        evalInfo: AvailableJobSettingEvalInfo(showLinkButton: true, description: "Scene frame range"),
        visible: .submission, required: true, editable: false)
    static let minimalSetting = AvailableJobSetting(key: "frames", type: .string)

    static let fullJobType = AvailableJobType(
        name: "simple-blender-render", label: "Simple Blender Render", description: "Render frames",
        settings: [fullSetting], etag: "0123456789abcdef0123456789abcdef01234567")
    static let minimalJobType = AvailableJobType(
        name: "echo-sleep-test", label: "Echo Sleep Test", settings: [], etag: "0123")

    /// Every DTO the Manager sends (including those also used as requests).
    static let responses: [WireSample] = [
        WireSample(
            "RegisteredWorker",
            full: RegisteredWorker(
                uuid: workerID, name: "render-07", address: "192.168.1.27", status: .offline, platform: "linux",
                software: "", supportedTaskTypes: ["blender", "misc"]),
            minimal: RegisteredWorker(
                uuid: workerID, name: "", address: "", status: .offline, platform: "", software: "",
                supportedTaskTypes: [])),
        WireSample(
            "WorkerStateChange", full: WorkerStateChange(statusRequested: .awake),
            minimal: WorkerStateChange(statusRequested: .offline)),
        WireSample(
            "AssignedTask",
            full: AssignedTask(
                uuid: taskID, job: jobID, name: "render-1-3", status: .active, priority: 50, jobPriority: 50,
                jobType: "simple-blender-render", taskType: "blender", commands: [command], stepsCompleted: 0,
                stepsTotal: 3),
            minimal: AssignedTask(
                uuid: taskID, job: jobID, name: "echo", status: .active, priority: 50, jobPriority: 50,
                jobType: "echo-sleep-test", taskType: "misc", commands: [], stepsCompleted: 0, stepsTotal: 1)),
        WireSample("Command", full: command, minimal: Command(name: "echo", parameters: [:], totalStepCount: 0)),
        WireSample(
            "MayKeepRunning",
            full: MayKeepRunning(
                mayKeepRunning: false, reason: "worker status change requested", statusChangeRequested: true),
            minimal: MayKeepRunning(mayKeepRunning: true, reason: "", statusChangeRequested: false)),
        WireSample(
            "Error", full: ErrorBody(code: 404, message: "no such job"), minimal: ErrorBody(code: 500, message: "")),
        WireSample("Job", full: fullJob, minimal: minimalJob),
        WireSample("JobStorageInfo", full: fullStorage, minimal: JobStorageInfo()),
        WireSample("JobsQueryResult", full: JobsQueryResult(jobs: [fullJob]), minimal: JobsQueryResult(jobs: [])),
        WireSample(
            "JobTasksSummary", full: JobTasksSummary(tasks: [fullTaskSummary]), minimal: JobTasksSummary(tasks: [])),
        WireSample("TaskSummary", full: fullTaskSummary, minimal: minimalTaskSummary),
        WireSample(
            "Task",
            full: TaskDetails(
                id: taskID, created: when, updated: later, jobID: jobID, indexInJob: 2, name: "render-4-6",
                status: .softFailed, priority: 50, taskType: "blender", activity: "Failed: exit status 1",
                commands: [command], stepsCompleted: 1, stepsTotal: 3, worker: taskWorker, lastTouched: later,
                failedByWorkers: [taskWorker]),
            minimal: TaskDetails(
                id: taskID, created: when, updated: when, jobID: jobID, indexInJob: 1, name: "echo", status: .queued,
                priority: 50, taskType: "misc", activity: "", commands: [], stepsCompleted: 0, stepsTotal: 1)),
        WireSample("TaskWorker", full: taskWorker, minimal: TaskWorker(id: "", name: "", address: "")),
        WireSample(
            "TaskLogInfo",
            full: TaskLogInfo(
                taskID: taskID, jobID: jobID, url: "/job-files/job-b3c0/\(jobID)/task-\(taskID).txt", size: 2048),
            minimal: TaskLogInfo(taskID: taskID, jobID: jobID, url: "", size: 0)),
        WireSample(
            "JobLastRenderedImageInfo",
            full: JobLastRenderedImageInfo(
                base: "/job-files/job-b3c0/\(jobID)",
                suffixes: ["last-rendered.jpg", "last-rendered-small.jpg", "last-rendered-tiny.jpg"]),
            minimal: JobLastRenderedImageInfo(base: "", suffixes: [])),
        WireSample(
            "JobDeletionInfo", full: JobDeletionInfo(shamanCheckout: true),
            minimal: JobDeletionInfo(shamanCheckout: false)),
        WireSample(
            "JobBlocklistEntry",
            full: JobBlocklistEntry(workerID: workerID, taskType: "blender", workerName: "render-07"),
            minimal: JobBlocklistEntry(workerID: workerID, taskType: "blender")),
        WireSample("WorkerSummary", full: fullWorkerSummary, minimal: minimalWorkerSummary),
        WireSample(
            "Worker",
            full: Worker(
                id: workerID, name: "render-07", status: .awake, version: "3.9-beta1", canRestart: true,
                lastSeen: when, statusChange: statusChange, ipAddress: "192.168.1.27", platform: "linux",
                supportedTaskTypes: ["blender"], tags: [fullTag], task: fullWorkerTask),
            minimal: Worker(
                id: workerID, name: "render-07", status: .offline, version: "", canRestart: false, ipAddress: "",
                platform: "linux", supportedTaskTypes: [])),
        WireSample(
            "WorkerList", full: WorkerList(workers: [fullWorkerSummary]), minimal: WorkerList(workers: [])),
        WireSample("WorkerTask", full: fullWorkerTask, minimal: minimalWorkerTask),
        WireSample("WorkerTag", full: fullTag, minimal: minimalTag),
        WireSample("WorkerTagList", full: WorkerTagList(tags: [fullTag]), minimal: WorkerTagList(tags: [])),
        WireSample(
            "WorkerStatusChangeRequest", full: statusChange,
            minimal: WorkerStatusChangeRequest(status: .offline, isLazy: false)),
        WireSample(
            "WorkerSleepSchedule",
            full: WorkerSleepSchedule(isActive: true, daysOfWeek: "mo tu we", startTime: "09:00", endTime: "18:00"),
            minimal: WorkerSleepSchedule(isActive: false, daysOfWeek: "", startTime: "", endTime: "")),
        WireSample(
            "AvailableJobTypes", full: AvailableJobTypes(jobTypes: [fullJobType]),
            minimal: AvailableJobTypes(jobTypes: [])),
        WireSample("AvailableJobType", full: fullJobType, minimal: minimalJobType),
        WireSample("AvailableJobSetting", full: fullSetting, minimal: minimalSetting),
        WireSample(
            "AvailableJobSettingEvalInfo",
            full: AvailableJobSettingEvalInfo(showLinkButton: true, description: "Scene frame range"),
            minimal: AvailableJobSettingEvalInfo(showLinkButton: false, description: "")),
        WireSample(
            "FlamencoVersion",
            full: FlamencoVersion(
                version: "3.9-beta1 (tablao 0.1.0)", shortversion: "3.9-beta1", name: "Tablao", git: "abc1234"),
            minimal: FlamencoVersion(version: "", shortversion: "", name: "", git: "")),
        WireSample(
            "ManagerConfiguration",
            full: ManagerConfiguration(storageLocation: "/shared/flamenco", shamanEnabled: false, isFirstRun: true),
            minimal: ManagerConfiguration(storageLocation: "", shamanEnabled: false, isFirstRun: false)),
        WireSample(
            "SharedStorageLocation",
            full: SharedStorageLocation(
                location: "/shared/flamenco", audience: .users, platform: "linux", shamanEnabled: false),
            minimal: SharedStorageLocation(location: "", audience: .workers, platform: "", shamanEnabled: false)),
        WireSample(
            "ManagerVariable", full: ManagerVariable(value: "blender", isTwoway: false),
            minimal: ManagerVariable(value: "", isTwoway: true)),
        WireSample(
            "FarmStatusReport",
            full: FarmStatusReport(
                status: .idle,
                tablaoStorage: FarmStorageHealth(
                    taskLogWriteFailures: 1, jobFolderRemovalFailures: 0,
                    lastFailure: "write /srv/tablao-storage/job-b3c0/x/task-y.txt: No space left on device (errno 28)",
                    lastFailureAt: when)),
            minimal: FarmStatusReport(status: .starting)),
        WireSample(
            "FarmStorageHealth",
            full: FarmStorageHealth(
                taskLogWriteFailures: 2, jobFolderRemovalFailures: 1,
                lastFailure: "open /srv/tablao-storage/job-b3c0/x/task-y.txt: No space left on device (errno 28)",
                lastFailureAt: when),
            minimal: FarmStorageHealth(taskLogWriteFailures: 0, jobFolderRemovalFailures: 0)),
    ]

    /// Every DTO only ever received.
    static let requests: [WireSample] = [
        WireSample(
            "WorkerRegistration",
            full: WorkerRegistration(
                secret: "9f2c", platform: "linux", supportedTaskTypes: ["blender"], name: "render-07"),
            minimal: WorkerRegistration(secret: "9f2c", platform: "linux", supportedTaskTypes: [], name: "render-07")),
        WireSample(
            "WorkerSignOn",
            full: WorkerSignOn(
                name: "render-07", supportedTaskTypes: ["blender"], softwareVersion: "3.9-beta1", canRestart: true),
            minimal: WorkerSignOn(name: "render-07", supportedTaskTypes: [], softwareVersion: "3.9-beta1")),
        WireSample(
            "WorkerStateChanged", full: WorkerStateChanged(status: .awake), minimal: WorkerStateChanged(status: .asleep)
        ),
        WireSample(
            "TaskUpdate", full: TaskUpdate(taskStatus: .completed, activity: "Done", log: "ok\n", stepsCompleted: 3),
            minimal: TaskUpdate()),
        WireSample(
            "SubmittedJob",
            full: SubmittedJob(
                name: "scene", type: "simple-blender-render", priority: 60, submitterPlatform: "linux",
                typeEtag: "0123", settings: ["frames": .string("1-10")], metadata: ["project": "sprite"],
                storage: fullStorage, workerTag: tagID.rawValue, initialStatus: .paused),
            minimal: SubmittedJob(name: "scene", type: "echo-sleep-test", submitterPlatform: "linux")),
        WireSample(
            "JobStatusChange", full: JobStatusChange(status: .cancelRequested, reason: "not needed"),
            minimal: JobStatusChange(status: .requeueing, reason: "")),
        WireSample(
            "TaskStatusChange", full: TaskStatusChange(status: .queued, reason: "retry"),
            minimal: TaskStatusChange(status: .canceled, reason: "")),
        WireSample(
            "JobPriorityChange", full: JobPriorityChange(priority: 100), minimal: JobPriorityChange(priority: 0)),
        WireSample("JobTagChange", full: JobTagChange(id: tagID.rawValue, name: "gpu"), minimal: JobTagChange()),
        WireSample(
            "JobMassDeletionSelection", full: JobMassDeletionSelection(lastUpdatedMax: when),
            minimal: JobMassDeletionSelection(lastUpdatedMax: later)),
        WireSample(
            "WorkerTagChangeRequest", full: WorkerTagChangeRequest(tagIDs: [tagID]),
            minimal: WorkerTagChangeRequest(tagIDs: [])),
    ]
}
