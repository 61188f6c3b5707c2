import FarmModel
import ManagerAPI
import Testing

@Suite struct WireValidationTests {
    @Test(arguments: [0, 1, 50, 99, 100])
    func priorityInsideRangeIsAccepted(priority: Int) throws {
        try JobPriorityChange(priority: priority).validate()
    }

    @Test(arguments: [-1, 101, Int.min, Int.max])
    func priorityOutsideRangeIsRejected(priority: Int) {
        #expect(throws: WireValidationError.outOfRange(field: "priority", value: priority, allowed: 0...100)) {
            try JobPriorityChange(priority: priority).validate()
        }
    }

    @Test func registrationNeedsSecretNameAndPlatform() throws {
        try WorkerRegistration(secret: "s", platform: "linux", supportedTaskTypes: [], name: "n").validate()
        #expect(throws: WireValidationError.emptyValue(field: "secret")) {
            try WorkerRegistration(secret: "", platform: "linux", supportedTaskTypes: [], name: "n").validate()
        }
        #expect(throws: WireValidationError.emptyValue(field: "name")) {
            try WorkerRegistration(secret: "s", platform: "linux", supportedTaskTypes: [], name: "  ").validate()
        }
        #expect(throws: WireValidationError.emptyValue(field: "platform")) {
            try WorkerRegistration(secret: "s", platform: "", supportedTaskTypes: [], name: "n").validate()
        }
        // 72 bytes and more are accepted (protocol.md §13 row 4).
        try WorkerRegistration(
            secret: String(repeating: "a", count: 200), platform: "linux", supportedTaskTypes: [],
            name: "n"
        ).validate()
    }

    @Test func signOnNeedsName() {
        #expect(throws: WireValidationError.emptyValue(field: "name")) {
            try WorkerSignOn(name: "", supportedTaskTypes: [], softwareVersion: "v").validate()
        }
    }

    @Test func taskUpdateLeavesSoftFailedToTheHandler() throws {
        try TaskUpdate(taskStatus: .softFailed).validate()
        try TaskUpdate(stepsCompleted: 0).validate()
        #expect(throws: WireValidationError.belowMinimum(field: "steps_completed", value: -1, minimum: 0)) {
            try TaskUpdate(stepsCompleted: -1).validate()
        }
    }

    @Test func submittedJobChecksNameTypeAndTag() throws {
        try SubmittedJob(name: "s", type: "t", submitterPlatform: "", workerTag: "").validate()
        try SubmittedJob(name: "s", type: "t", submitterPlatform: "", workerTag: WireSamples.tagID.rawValue).validate()
        #expect(throws: WireValidationError.emptyValue(field: "name")) {
            try SubmittedJob(name: "", type: "t", submitterPlatform: "").validate()
        }
        #expect(throws: WireValidationError.emptyValue(field: "type")) {
            try SubmittedJob(name: "s", type: "", submitterPlatform: "").validate()
        }
        #expect(throws: WireValidationError.invalidIdentifier(field: "worker_tag", value: "gpu")) {
            try SubmittedJob(name: "s", type: "t", submitterPlatform: "", workerTag: "gpu").validate()
        }
    }

    @Test func tagReferencesMustBeEmptyOrUUIDs() throws {
        try JobTagChange().validate()
        try JobTagChange(id: "", name: "gpu").validate()
        #expect(throws: WireValidationError.invalidIdentifier(field: "id", value: "1234")) {
            try JobTagChange(id: "1234").validate()
        }
        try WorkerTag(name: "gpu").validate()
        try WorkerTag(id: "", name: "gpu").validate()
        #expect(throws: WireValidationError.emptyValue(field: "name")) { try WorkerTag(name: "").validate() }
        #expect(throws: WireValidationError.invalidIdentifier(field: "id", value: "x")) {
            try WorkerTag(id: "x", name: "gpu").validate()
        }
    }

    @Test func blocklistRemovalNeedsAtLeastOneEntry() throws {
        try JobBlocklistEntry.validateRemoval([JobBlocklistEntry(workerID: WireSamples.workerID, taskType: "blender")])
        #expect(throws: WireValidationError.emptyList(field: "body")) { try JobBlocklistEntry.validateRemoval([]) }
        #expect(throws: WireValidationError.emptyValue(field: "task_type")) {
            try JobBlocklistEntry.validateRemoval([JobBlocklistEntry(workerID: WireSamples.workerID, taskType: "")])
        }
    }

    @Test func requestsWithoutRulesAcceptEveryDecodedValue() throws {
        try WorkerStateChanged(status: .testing).validate()
        try JobStatusChange(status: .completed, reason: "").validate()
        try WorkerSleepSchedule(isActive: true, daysOfWeek: "xx", startTime: "25:99", endTime: "").validate()
    }

    @Test func messagesNameTheField() {
        #expect(
            WireValidationError.outOfRange(field: "priority", value: 101, allowed: 0...100).message
                == "priority must be between 0 and 100, got 101")
        #expect(WireValidationError.emptyValue(field: "name").message == "name must not be empty")
        #expect(WireValidationError.invalidIdentifier(field: "id", value: "x").field == "id")
        #expect(WireValidationError.emptyList(field: "body").message.contains("body"))
        #expect(
            WireValidationError.belowMinimum(field: "steps_completed", value: -1, minimum: 0).message
                == "steps_completed must be at least 0, got -1")
    }
}
