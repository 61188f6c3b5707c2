import FarmModel
import Foundation
import ManagerAPI
import Testing

@Suite struct JobWireTests {
    @Test func submittedJobDefaultsPriorityTo50() throws {
        let job = try WireTestSupport.decode(
            SubmittedJob.self,
            """
            {"name": "scene", "type": "echo-sleep-test", "submitter_platform": "linux"}
            """)
        #expect(job.priority == 50)
        #expect(job.priority == SubmittedJob.defaultPriority)
        #expect(job.settings == nil)
        #expect(SubmittedJob(name: "a", type: "b", submitterPlatform: "c").priority == 50)
        let explicit = try WireTestSupport.decode(
            SubmittedJob.self,
            """
            {"name": "scene", "type": "echo-sleep-test", "submitter_platform": "linux", "priority": 7}
            """)
        #expect(explicit.priority == 7)
    }

    @Test func submittedJobCarriesEveryOptionalField() throws {
        let job = try WireTestSupport.decode(
            SubmittedJob.self,
            """
            {"name": "scene", "type": "simple-blender-render", "priority": 60, "submitter_platform": "windows",
             "type_etag": "abc", "settings": {"frames": "1-10", "chunk_size": 3, "fps": 24.5, "has_previews": false,
             "nothing": null, "nested": {"a": [1, "b"]}},
             "metadata": {"project": "sprite"}, "storage": {"shaman_checkout_id": "co-1"},
             "worker_tag": "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d", "initial_status": "paused", "extra": true}
            """)
        #expect(job.typeEtag == "abc")
        #expect(job.settings?["chunk_size"] == .int(3))
        #expect(job.settings?["fps"] == .double(24.5))
        #expect(job.settings?["nothing"] == .null)
        #expect(job.settings?["nested"] == .object(["a": .array([.int(1), .string("b")])]))
        #expect(job.metadata == ["project": "sprite"])
        #expect(job.storage == JobStorageInfo(shamanCheckoutID: "co-1"))
        #expect(job.workerTag == WireSamples.tagID.rawValue)
        #expect(job.initialStatus == .paused)
    }

    @Test(arguments: [
        #"{"name": "s", "type": "t", "submitter_platform": "linux", "metadata": {"frame": 1}}"#,
        #"{"name": "s", "type": "t", "submitter_platform": "linux", "metadata": {"a": null}}"#,
        #"{"name": "s", "type": "t", "submitter_platform": "linux", "settings": ["a"]}"#,
        #"{"name": "s", "type": "t", "submitter_platform": "linux", "settings": "x"}"#,
        #"{"name": "s", "type": "t", "submitter_platform": "linux", "priority": "high"}"#,
        #"{"name": "s", "type": "t", "submitter_platform": "linux", "priority": 5.5}"#,
        #"{"name": "s", "type": "t", "submitter_platform": "linux", "initial_status": "waiting"}"#,
        #"{"name": "s", "type": "t"}"#,
        #"{"type": "t", "submitter_platform": "linux"}"#,
    ])
    func invalidSubmissionsFailToDecode(json: String) {
        #expect(throws: DecodingError.self) { try WireTestSupport.decode(SubmittedJob.self, json) }
    }

    @Test func jobEncodesSubmittedAndStoredFields() throws {
        let json = try WireTestSupport.json(of: WireSamples.minimalJob)
        #expect(
            WireTestSupport.keys(json) == [
                "name", "type", "priority", "submitter_platform", "id", "created", "updated", "status", "activity",
                "steps_completed", "steps_total",
            ])
        #expect(json["submitter_platform"] == .string(""))
        #expect(json["created"] == .string("2024-05-01T09:15:02.123Z"))
        let full = try WireTestSupport.json(of: WireSamples.fullJob)
        #expect(full["storage"] == .object(["shaman_checkout_id": .string("scene-2024")]))
        #expect(full["delete_requested_at"] == .string("2024-05-01T09:20:00.000Z"))
        #expect(full["settings"]["chunk_size"] == .int(3))
    }

    @Test func jobTasksSummaryUsesTasksKey() throws {
        let json = try WireTestSupport.json(of: JobTasksSummary(tasks: []))
        #expect(json == .object(["tasks": .array([])]))
    }

    @Test func taskWorkerOfNeverAssignedTaskHasEmptyStrings() throws {
        #expect(
            try WireTestSupport.text(of: TaskWorker(id: "", name: "", address: ""))
                == #"{"address":"","id":"","name":""}"#)
    }

    @Test func jobStatusesUseWireSpelling() throws {
        #expect(
            try WireTestSupport.text(of: JobStatusChange(status: .cancelRequested, reason: "r"))
                == #"{"reason":"r","status":"cancel-requested"}"#)
        #expect(
            try WireTestSupport.decode(JobStatusChange.self, #"{"status": "pause-requested", "reason": ""}"#).status
                == .pauseRequested)
        #expect(throws: DecodingError.self) {
            try WireTestSupport.decode(JobStatusChange.self, #"{"status": "pause_requested", "reason": ""}"#)
        }
        #expect(throws: DecodingError.self) {
            try WireTestSupport.decode(JobStatusChange.self, #"{"status": "queued"}"#)
        }
    }

    @Test func massDeletionSelectionReadsAnyRFC3339Time() throws {
        let selection = try WireTestSupport.decode(
            JobMassDeletionSelection.self, #"{"last_updated_max": "2024-05-01T11:15:02.5+02:00"}"#)
        #expect(WireDate.string(from: selection.lastUpdatedMax) == "2024-05-01T09:15:02.500Z")
        #expect(throws: DecodingError.self) { try WireTestSupport.decode(JobMassDeletionSelection.self, "{}") }
    }

    @Test func jobTypeSettingsUseFlamencoKeys() throws {
        let json = try WireTestSupport.json(of: WireSamples.fullSetting)
        #expect(json["default"] == .string("1-10"))
        #expect(
            json["evalInfo"] == .object(["showLinkButton": .bool(true), "description": .string("Scene frame range")]))
        #expect(json["subtype"] == .string("file_path"))
        #expect(json["visible"] == .string("submission"))
        #expect(throws: DecodingError.self) {
            try WireTestSupport.decode(AvailableJobSetting.self, #"{"key": "k", "type": "int64"}"#)
        }
        let decoded = try WireTestSupport.decode(
            AvailableJobSetting.self, #"{"key": "k", "type": "int32", "default": 1}"#)
        #expect(decoded.defaultValue == .int(1))
    }

    @Test func workerManagementKeys() throws {
        #expect(
            try WireTestSupport.text(of: WorkerStatusChangeRequest(status: .restart, isLazy: true))
                == #"{"is_lazy":true,"status":"restart"}"#)
        #expect(
            try WireTestSupport.decode(
                WorkerTagChangeRequest.self, #"{"tag_ids": ["a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d"]}"#
            ).tagIDs
                == [WireSamples.tagID])
        #expect(throws: DecodingError.self) {
            try WireTestSupport.decode(WorkerTagChangeRequest.self, #"{"tag_ids": ["gpu"]}"#)
        }
        let schedule = try WireTestSupport.decode(
            WorkerSleepSchedule.self,
            """
            {"is_active": true, "days_of_week": "mo tu", "start_time": "09:00", "end_time": "18:00"}
            """)
        #expect(schedule.daysOfWeek == "mo tu")
        #expect(try WireTestSupport.text(of: FarmStatusReport(status: .inoperative)) == #"{"status":"inoperative"}"#)
        #expect(
            try WireTestSupport.text(of: ManagerVariable(value: "blender", isTwoway: false))
                == #"{"is_twoway":false,"value":"blender"}"#)
    }
}
