import FarmModel
import Foundation
import HTTPTypes
import SQLite
import Testing

@testable import Storage

/// Submissions too deep or too large to store are refused with 400 naming the field and the limit, before anything
/// is stored; what an older Manager stored too deep is still answered.
@Suite struct OversizedSubmissionTests {
    /// `levels` arrays around a string, e.g. 2 → `[["x"]]`.
    static func nested(_ levels: Int) -> JSONValue {
        var value = JSONValue.string("x")
        for _ in 0..<levels { value = .array([value]) }
        return value
    }

    private func expectNothingStored(_ farm: TestFarm, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(try farm.rowCount("jobs") == 0, sourceLocation: sourceLocation)
        #expect(try farm.rowCount("tasks") == 0, sourceLocation: sourceLocation)
    }

    @Test func anUndeclaredSettingNested510LevelsDeepIsRefusedAndTheJobsListStillAnswers() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let body = Submissions.echo().merging(settings: ["bomb": Self.nested(510)])
                let message = try expectError(try await api.submit(body), .badRequest)
                #expect(message.contains("settings.bomb"), "\(message)")
                #expect(message.contains("\(JobStorageLimits.maximumNestingDepth)"), "\(message)")
                let checked = try expectError(try await api.post("\(API.jobs)/check", body), .badRequest)
                #expect(checked.contains("settings.bomb"))
                try expectNothingStored(farm)
                let list = try expectJSON(try await api.get(API.jobs), .ok)
                #expect(list["jobs"].arrayValue?.isEmpty == true)
            }
        }
    }

    @Test func aSettingNestedExactlyToTheLimitIsStoredAndAnsweredUnchanged() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let deepest = Self.nested(JobStorageLimits.maximumNestingDepth)
                let job = try await api.submitted(Submissions.echo().merging(settings: ["deep": deepest]))
                let id = try #require(job["id"].stringValue)
                #expect(try await api.job(id)["settings"]["deep"] == deepest)
                let tooDeep = Submissions.echo().merging(
                    settings: ["deep": .object(["a": Self.nested(JobStorageLimits.maximumNestingDepth)])])
                let message = try expectError(try await api.submit(tooDeep), .badRequest)
                #expect(message.contains("settings.deep"))
            }
        }
    }

    @Test func aStoredSettingNestedTooDeepByAnOlderManagerIsAnsweredWithAMarker() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let job = try await api.submitted(Submissions.echo())
                let id = try #require(job["id"].stringValue)
                // What the Manager before the nesting cap stored from such a submission.
                let deepText = #"{"bomb":"# + String(repeating: "[", count: 510) + "1" + String(repeating: "]", count: 510)
                    + #","message":"hello"}"#
                try await farm.database.write { tx in
                    try tx.connection.execute("UPDATE jobs SET settings = ? WHERE uuid = ?", .text(deepText), .text(id))
                }
                let one = try expectJSON(try await api.get("\(API.jobs)/\(id)"), .ok)
                #expect(one["settings"]["message"] == .string("hello"))
                #expect(one["settings"]["bomb"].jsonText().contains("not shown"))
                #expect(one["settings"]["bomb"].nestingDepth == JobStorageLimits.maximumNestingDepth)
                let list = try expectJSON(try await api.get(API.jobs), .ok)
                #expect(list.ids("jobs") == [id])
            }
        }
    }

    @Test func aOneMegabyteBlendfileIsRefusedNamingTheStringLimitBeforeAnythingIsStored() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                var settings = Submissions.blenderSettings(frames: "1-2000", chunkSize: 1)
                settings["blendfile"] = .string("/shared/" + String(repeating: "b", count: 1 << 20) + ".blend")
                let message = try expectError(try await api.submit(Submissions.blender(settings: settings)), .badRequest)
                #expect(message.contains("settings.blendfile"), "\(message)")
                #expect(message.contains("max_setting_string_bytes"), "\(message)")
                #expect(message.contains("\(JobStorageLimits.defaultStringBytes)"), "\(message)")
                try expectNothingStored(farm)
            }
        }
    }

    @Test func oversizedMetadataIsRefusedNamingTheEntry() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                let big = JSONValue.string(String(repeating: "m", count: JobStorageLimits.defaultStringBytes + 1))
                let message = try expectError(
                    try await api.submit(Submissions.echo(extra: ["metadata": .object(["notes": big])])), .badRequest)
                #expect(message.contains("metadata.notes"), "\(message)")
                try expectNothingStored(farm)
            }
        }
    }

    @Test func eachConfiguredLimitIsEnforcedAndNamed() async throws {
        let limits = JobStorageLimits(
            maximumStringBytes: 1_000, maximumSettingsBytes: 1_500, maximumCommandBytes: 1_200,
            maximumJobCommandBytes: 20_000)
        try await TestFarm.with(storageLimits: limits) { farm in
            try await farm.router { api in
                // Settings and metadata together: many strings each under the string limit.
                var wide = Submissions.blenderSettings()
                for index in 0..<4 { wide["note\(index)"] = .string(String(repeating: "n", count: 400)) }
                let settingsMessage = try expectError(
                    try await api.submit(Submissions.blender(settings: wide)), .badRequest)
                #expect(settingsMessage.contains("max_job_settings_bytes"), "\(settingsMessage)")

                // One command: the blendfile path appears once per render command; with a 994-byte path and the
                // other arguments the command passes 1,200 bytes.
                var longPath = Submissions.blenderSettings()
                longPath["blendfile"] = .string("/shared/" + String(repeating: "p", count: 980) + ".blend")
                let commandMessage = try expectError(
                    try await api.submit(Submissions.blender(settings: longPath)), .badRequest)
                #expect(commandMessage.contains("max_command_bytes"), "\(commandMessage)")
                #expect(commandMessage.contains("blender-render"), "\(commandMessage)")

                // The whole job: 200 single-frame tasks of ~600 bytes each pass 20,000 bytes.
                let manyFrames = try expectError(
                    try await api.submit(
                        Submissions.blender(settings: Submissions.blenderSettings(frames: "1-200", chunkSize: 1))),
                    .badRequest)
                #expect(manyFrames.contains("max_job_command_bytes"), "\(manyFrames)")
                try expectNothingStored(farm)

                // Within every limit, the same job type is accepted.
                _ = try await api.submitted(Submissions.blender(settings: Submissions.blenderSettings(frames: "1-6")))
                #expect(try farm.rowCount("jobs") == 1)
            }
        }
    }

    @Test func priorityOutsideZeroToHundredIsRefusedOnSubmission() async throws {
        try await TestFarm.with { farm in
            try await farm.router { api in
                for priority: Int64 in [-1, 101, 9_223_372_036_854_775_807, -9_223_372_036_854_775_808] {
                    let message = try expectError(
                        try await api.submit(Submissions.echo(extra: ["priority": .int(priority)])), .badRequest)
                    #expect(message.contains("priority"), "\(message)")
                }
                try expectNothingStored(farm)
                for priority: Int64 in [0, 100] {
                    let job = try await api.submitted(Submissions.echo(extra: ["priority": .int(priority)]))
                    #expect(job["priority"] == .int(priority))
                }
            }
        }
    }
}

extension JSONValue {
    /// A submission body with `extra` settings merged into its `settings`.
    func merging(settings extra: [String: JSONValue]) -> JSONValue {
        guard case .object(var fields) = self else { return self }
        var settings: [String: JSONValue] = [:]
        if case .object(let existing)? = fields["settings"] { settings = existing }
        settings.merge(extra) { $1 }
        fields["settings"] = .object(settings)
        return .object(fields)
    }
}
