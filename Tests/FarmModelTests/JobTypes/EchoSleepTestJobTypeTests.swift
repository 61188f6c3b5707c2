import Testing

@testable import FarmModel

@Suite("echo-sleep-test compilation (protocol.md §10.1.1)")
struct EchoSleepTestJobTypeTests {
    @Test func twoRepeatsYieldEchoThenTwoSleepsDependingOnEcho() throws {
        // Checklist item 37.
        let job = try JobTypeFixture.compileEcho([
            "message": .string("hello"), "sleep_duration_seconds": .int(3), "sleep_repeats": .int(2),
        ])
        #expect(job.tasks.map(\.name) == ["echo", "sleep", "sleep"])
        #expect(job.tasks.allSatisfy { $0.taskType == "misc" && $0.priority == 50 && $0.stepsTotal == 1 })
        #expect(job.tasks.map(\.dependencies) == [[], [0], [0]])
        #expect(job.stepsTotal == 3)
        #expect(
            job.tasks[0].commands == [
                CompiledCommand(name: "echo", parameters: ["message": .string("hello")], totalStepCount: 0)
            ]
        )
        for sleep in job.tasks.dropFirst() {
            #expect(
                sleep.commands == [
                    CompiledCommand(name: "sleep", parameters: ["duration_in_seconds": .int(3)], totalStepCount: 0)
                ]
            )
        }
    }

    @Test func taskPriorityIsFiftyWhateverTheJobPriority() throws {
        let submission = JobSubmission(
            name: "Echo",
            type: "echo-sleep-test",
            priority: 90,
            settings: ["message": .string("x")]
        )
        let job = try JobTypeRegistry.builtIn.compile(submission, context: JobTypeFixture.utc)
        #expect(job.tasks.allSatisfy { $0.priority == 50 })
    }

    @Test(arguments: [0, -1, Int64(Int32.min)])
    func nonPositiveRepeatsGiveOnlyTheEchoTask(repeats: Int64) throws {
        let job = try JobTypeFixture.compileEcho(["message": .string("x"), "sleep_repeats": .int(repeats)])
        #expect(job.tasks.map(\.name) == ["echo"])
    }

    @Test(arguments: [
        (JSONValue.int(3), 3),
        (.double(2.5), 3),
        (.double(0.1), 1),
        (.double(-0.5), 0),
        (.int(0), 0),
        (.string("4"), 0),
        (.bool(true), 0),
        (.null, 0),
    ])
    func repeatCountFollowsTheJavaScriptLoop(value: JSONValue, expected: Int) throws {
        #expect(try EchoSleepTestJobType.repeatCount(of: value) == expected)
    }

    @Test func absentRepeatsGiveNoSleepsWhenCompiledWithoutValidation() throws {
        let submission = JobSubmission(name: "Echo", type: "echo-sleep-test", settings: ["message": .string("x")])
        let job = try EchoSleepTestJobType().compile(submission, context: JobTypeFixture.utc)
        #expect(job.tasks.map(\.name) == ["echo"])
    }

    @Test func absurdRepeatCountIsRejectedNamingTheSetting() {
        let error = #expect(throws: JobCompileError.self) {
            try JobTypeFixture.compileEcho(["message": .string("x"), "sleep_repeats": .int(Int64(Int32.max))])
        }
        #expect(error?.settingKey == "sleep_repeats")
    }
}
