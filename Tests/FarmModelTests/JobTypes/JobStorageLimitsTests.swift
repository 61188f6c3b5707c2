import FarmModel
import Testing

/// The size and nesting limits checked on a submission's settings and metadata.
@Suite struct JobStorageLimitsTests {
    let limits = JobStorageLimits(
        maximumStringBytes: 10, maximumSettingsBytes: 60, maximumCommandBytes: 100, maximumJobCommandBytes: 1_000)

    @Test func aSettingNestedBeyondTheLimitIsNamed() {
        let deep = JSONValueNestingTests.nested(JobStorageLimits.maximumNestingDepth + 1)
        #expect(throws: JobSizeError.tooDeep(field: "settings.deep", depth: 33, limit: 32)) {
            try JobStorageLimits.standard.checkSubmitted(settings: ["deep": deep], metadata: [:])
        }
        let deepest = JSONValueNestingTests.nested(JobStorageLimits.maximumNestingDepth)
        #expect(throws: Never.self) {
            try JobStorageLimits.standard.checkSubmitted(settings: ["deep": deepest], metadata: [:])
        }
    }

    @Test func stringsKeysAndTotalsAreCheckedWhereverTheyAre() {
        func message(_ settings: [String: JSONValue], _ metadata: [String: String] = [:]) -> String? {
            do throws(JobSizeError) {
                try limits.checkSubmitted(settings: settings, metadata: metadata)
                return nil
            } catch {
                return error.message
            }
        }
        #expect(message(["a": .string("0123456789")]) == nil)
        #expect(message(["a": .string("0123456789x")])?.contains("settings.a: 11 bytes") == true)
        #expect(message(["a": .array([.object(["k": .string("0123456789x")])])])?.contains("settings.a") == true)
        #expect(message(["a": .object(["0123456789x": .int(1)])])?.contains("a key in settings.a") == true)
        #expect(message([:], ["m": "0123456789x"])?.contains("metadata.m") == true)
        #expect(message([:], ["0123456789x": "v"])?.contains("metadata key") == true)
        let wide = Dictionary(uniqueKeysWithValues: (0..<8).map { ("k\($0)", JSONValue.string("vvvvvv")) })
        #expect(message(wide)?.contains("max_job_settings_bytes") == true)
    }

    @Test func commandsAndJobTotalsNameTheirSetting() {
        let command = CompiledCommand(name: "echo", parameters: ["message": .string("hi")], totalStepCount: 0)
        #expect(throws: Never.self) { try limits.checkCommand(command, textBytes: 100, task: "t") }
        #expect(throws: JobSizeError.self) { try limits.checkCommand(command, textBytes: 101, task: "t") }
        let long = CompiledCommand(name: "echo", parameters: ["message": .string("0123456789x")], totalStepCount: 0)
        #expect(throws: JobSizeError.self) { try limits.checkCommand(long, textBytes: 20, task: "t") }
        #expect(throws: Never.self) { try limits.checkJobCommands(1_000, tasksSoFar: 3) }
        do throws(JobSizeError) {
            try limits.checkJobCommands(1_001, tasksSoFar: 3)
            Issue.record("1,001 bytes passed a 1,000-byte limit")
        } catch {
            #expect(error.message.contains("max_job_command_bytes"))
        }
    }
}
