import FarmModel
import Foundation
import ManagerAPI
import Testing

/// Worker-endpoint DTOs against the examples of protocol.md §3 (UUIDs written out in full).
@Suite struct WorkerWireTests {
    static let registeredWorkerExample = """
        {"uuid": "0e5b6c1a-3f4d-4e2a-9b8c-7d6e5f4a3b2c", "name": "render-07", "address": "192.168.1.27",
         "status": "offline", "platform": "linux", "software": "",
         "supported_task_types": ["blender", "ffmpeg", "file-management", "misc"]}
        """

    static let assignedTaskExample = """
        {"uuid": "5f1e2d3c-4b5a-4968-8776-655443322110", "job": "b3c0a1d2-e3f4-4a5b-8c6d-7e8f9a0b1c2d",
         "name": "render-1-3", "status": "active",
         "priority": 50, "job_priority": 50, "job_type": "simple-blender-render", "task_type": "blender",
         "steps_completed": 0, "steps_total": 3,
         "commands": [{"name": "blender-render", "total_step_count": 3, "parameters": {
           "exe": "blender", "exeArgs": "-b -y", "argsBefore": [], "blendfile": "/shared/jobs/scene.blend",
           "args": ["--scene", "Scene", "--python-expr", "import bpy; …", "--render-output",
                    "/shared/render/scene/2024-05-01_101500/######", "--render-format", "PNG",
                    "--render-frame", "1..3"]}}]}
        """

    @Test func registeredWorkerExampleRoundTripsWithExactKeys() throws {
        let worker = try WireTestSupport.decode(RegisteredWorker.self, Self.registeredWorkerExample)
        #expect(worker.uuid == WireSamples.workerID)
        #expect(worker.status == .offline)
        #expect(worker.supportedTaskTypes == ["blender", "ffmpeg", "file-management", "misc"])
        #expect(try WireTestSupport.json(of: worker) == WireTestSupport.parse(Self.registeredWorkerExample))
    }

    @Test func assignedTaskExampleRoundTripsWithExactKeys() throws {
        let task = try WireTestSupport.decode(AssignedTask.self, Self.assignedTaskExample)
        #expect(task.uuid == WireSamples.taskID)
        #expect(task.job == WireSamples.jobID)
        #expect(task.status == .active)
        #expect(task.jobPriority == 50)
        #expect(task.commands.first?.totalStepCount == 3)
        #expect(task.commands.first?.parameters["argsBefore"] == .array([]))
        #expect(try WireTestSupport.json(of: task) == WireTestSupport.parse(Self.assignedTaskExample))
    }

    @Test func registrationAndSignOnExamplesDecode() throws {
        let registration = try WireTestSupport.decode(
            WorkerRegistration.self,
            """
            {"name": "render-07", "secret": "9f2c0000", "platform": "linux",
             "supported_task_types": ["blender", "ffmpeg", "file-management", "misc"]}
            """)
        #expect(registration.secret == "9f2c0000")
        #expect(registration.supportedTaskTypes.count == 4)

        let signOn = try WireTestSupport.decode(
            WorkerSignOn.self,
            """
            {"name": "render-07", "supported_task_types": ["blender", "ffmpeg", "file-management", "misc"],
             "software_version": "3.9-beta1 (v3.8-42-gabcdef)", "can_restart": false}
            """)
        #expect(signOn.softwareVersion == "3.9-beta1 (v3.8-42-gabcdef)")
        #expect(signOn.canRestart == false)
        #expect(
            try WireTestSupport.decode(
                WorkerSignOn.self,
                """
                {"name": "n", "supported_task_types": [], "software_version": "v"}
                """
            ).canRestart == nil)
    }

    @Test func stateChangeUsesSnakeCaseKey() throws {
        #expect(
            try WireTestSupport.text(of: WorkerStateChange(statusRequested: .awake)) == #"{"status_requested":"awake"}"#
        )
        #expect(try WireTestSupport.decode(WorkerStateChanged.self, #"{"status": "asleep"}"#).status == .asleep)
    }

    @Test func taskUpdateMixesCamelAndSnakeCase() throws {
        let failed = try WireTestSupport.decode(
            TaskUpdate.self,
            """
            {"taskStatus": "failed", "activity": "Failed: exit status 1", "log": "Failed: exit status 1"}
            """)
        #expect(
            failed == TaskUpdate(taskStatus: .failed, activity: "Failed: exit status 1", log: "Failed: exit status 1"))
        let progress = try WireTestSupport.decode(TaskUpdate.self, #"{"steps_completed": 2, "activity": "Progress"}"#)
        #expect(progress == TaskUpdate(activity: "Progress", stepsCompleted: 2))
        #expect(try WireTestSupport.decode(TaskUpdate.self, "{}") == TaskUpdate())
        #expect(
            try WireTestSupport.text(of: TaskUpdate(taskStatus: .active, stepsCompleted: 1))
                == #"{"steps_completed":1,"taskStatus":"active"}"#)
        // The snake_case spelling of the status key is not the protocol's: it is ignored like any unknown key.
        #expect(try WireTestSupport.decode(TaskUpdate.self, #"{"task_status": "failed"}"#).taskStatus == nil)
    }

    @Test func mayKeepRunningUsesCamelCaseKeys() throws {
        let answer = MayKeepRunning(mayKeepRunning: false, reason: "Task not found", statusChangeRequested: false)
        #expect(
            try WireTestSupport.text(of: answer)
                == #"{"mayKeepRunning":false,"reason":"Task not found","statusChangeRequested":false}"#)
    }

    @Test func errorBodyHasCodeAndMessage() throws {
        #expect(
            try WireTestSupport.text(of: ErrorBody(code: 404, message: "no such job"))
                == #"{"code":404,"message":"no such job"}"#)
    }

    @Test(arguments: [
        #"{"platform": "linux", "supported_task_types": [], "name": "n"}"#,
        #"{"secret": "s", "supported_task_types": [], "name": "n"}"#,
        #"{"secret": "s", "platform": "linux", "name": "n"}"#,
        #"{"secret": "s", "platform": "linux", "supported_task_types": []}"#,
        #"{"secret": "s", "platform": "linux", "supported_task_types": "blender", "name": "n"}"#,
        #"{"secret": 42, "platform": "linux", "supported_task_types": [], "name": "n"}"#,
        #"{"secret": null, "platform": "linux", "supported_task_types": [], "name": "n"}"#,
    ])
    func registrationWithMissingOrMistypedFieldsFailsToDecode(json: String) {
        #expect(throws: DecodingError.self) { try WireTestSupport.decode(WorkerRegistration.self, json) }
    }

    @Test func responsesWithMissingRequiredFieldsFailToDecode() throws {
        var example = try #require(WireTestSupport.parse(Self.assignedTaskExample).objectValue)
        for key in [
            "uuid", "job", "name", "status", "priority", "job_priority", "job_type", "task_type", "commands",
            "steps_completed", "steps_total",
        ] {
            var trimmed = example
            trimmed[key] = nil
            let data = try JSONEncoder().encode(JSONValue.object(trimmed))
            #expect(throws: DecodingError.self, "without \(key)") {
                try WireJSON.decoder.decode(AssignedTask.self, from: data)
            }
        }
        example["uuid"] = .string("not-a-uuid")
        let data = try JSONEncoder().encode(JSONValue.object(example))
        #expect(throws: DecodingError.self) { try WireJSON.decoder.decode(AssignedTask.self, from: data) }
        #expect(throws: DecodingError.self) {
            try WireTestSupport.decode(MayKeepRunning.self, #"{"mayKeepRunning": true, "reason": ""}"#)
        }
    }

    @Test func unknownExtraFieldsAreAccepted() throws {
        let signOn = try WireTestSupport.decode(
            WorkerSignOn.self,
            """
            {"name": "n", "supported_task_types": ["misc"], "software_version": "v", "gpu": {"vendor": "x"}, "n": 1}
            """)
        #expect(signOn.name == "n")
        let worker = try WireTestSupport.decode(
            RegisteredWorker.self,
            """
            {"uuid": "0e5b6c1a-3f4d-4e2a-9b8c-7d6e5f4a3b2c", "name": "", "address": "", "status": "awake",
             "platform": "", "software": "", "supported_task_types": [], "current_task": null}
            """)
        #expect(worker.status == .awake)
    }

    @Test(arguments: [#"{"status": "sleeping"}"#, #"{"status": ""}"#, #"{"status": "Awake"}"#, #"{"status": 1}"#])
    func unknownWorkerStatusIsRejected(json: String) {
        #expect(throws: DecodingError.self) { try WireTestSupport.decode(WorkerStateChanged.self, json) }
    }

    @Test func unknownTaskStatusIsRejected() {
        #expect(throws: DecodingError.self) {
            try WireTestSupport.decode(TaskUpdate.self, #"{"taskStatus": "done"}"#)
        }
        #expect(throws: DecodingError.self) {
            try WireTestSupport.decode(TaskStatusChange.self, #"{"status": "soft_failed", "reason": ""}"#)
        }
    }
}
