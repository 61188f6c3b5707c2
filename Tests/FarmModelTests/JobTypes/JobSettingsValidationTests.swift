import Testing

@testable import FarmModel

@Suite("Settings validation shared by all job types (protocol.md §13 row 24)")
struct JobSettingsValidationTests {
    @Test func defaultsAreAppliedToAbsentSettingsAndStored() throws {
        let job = try JobTypeFixture.compileBlender(removing: ["chunk_size", "add_path_components"])
        #expect(job.settings["chunk_size"] == .int(1))
        #expect(job.settings["add_path_components"] == .int(0))
        #expect(job.tasks.count == 11)
    }

    @Test func echoDefaultsGiveOneSleepOfOneSecond() throws {
        let job = try JobTypeFixture.compileEcho(["message": .string("hi")])
        #expect(job.tasks.map(\.name) == ["echo", "sleep"])
        #expect(job.tasks[1].commands[0].parameters == ["duration_in_seconds": .int(1)])
        #expect(
            job.settings == ["message": .string("hi"), "sleep_duration_seconds": .int(1), "sleep_repeats": .int(1)]
        )
    }

    @Test(arguments: ["frames", "render_output_root", "blendfile", "format", "image_file_extension", "scene"])
    func missingRequiredBlenderSettingIsRejectedNamingIt(key: String) {
        #expect(throws: JobCompileError.missingSetting(key: key)) {
            try JobTypeFixture.compileBlender(removing: [key])
        }
        #expect(JobCompileError.missingSetting(key: key).message.contains("\"\(key)\""))
    }

    @Test(arguments: ["frames", "blendfile", "scene"])
    func nullForARequiredSettingCountsAsMissing(key: String) {
        #expect(throws: JobCompileError.missingSetting(key: key)) {
            try JobTypeFixture.compileBlender([key: .null])
        }
    }

    @Test func missingEchoMessageIsRejectedRatherThanSentAsNull() {
        // Flamenco would send a null parameter (protocol.md §10.1.1); Tablao enforces `required`.
        #expect(throws: JobCompileError.missingSetting(key: "message")) {
            try JobTypeFixture.compileEcho(["sleep_repeats": .int(2)])
        }
    }

    @Test(arguments: [
        ("chunk_size", JSONValue.string("3"), JobSettingType.int32),
        ("chunk_size", .double(2.5), .int32),
        ("chunk_size", .int(Int64(Int32.max) + 1), .int32),
        ("chunk_size", .int(Int64(Int32.min) - 1), .int32),
        ("add_path_components", .bool(true), .int32),
        ("fps", .string("24"), .float),
        ("fps", .bool(true), .float),
        ("has_previews", .int(1), .bool),
        ("has_previews", .string("true"), .bool),
        ("frames", .int(1), .string),
        ("scene", .array([]), .string),
        ("blendfile", .object([:]), .string),
    ])
    func wronglyTypedBlenderSettingIsRejectedNamingIt(key: String, value: JSONValue, expected: JobSettingType) {
        #expect(throws: JobCompileError.wrongType(key: key, expected: expected)) {
            try JobTypeFixture.compileBlender([key: value])
        }
        #expect(JobCompileError.wrongType(key: key, expected: expected).message.contains("\"\(key)\""))
    }

    @Test(arguments: [
        ("message", JSONValue.int(3), JobSettingType.string),
        ("sleep_duration_seconds", .string("1"), .int32),
        ("sleep_repeats", .double(1.5), .int32),
    ])
    func wronglyTypedEchoSettingIsRejectedNamingIt(key: String, value: JSONValue, expected: JobSettingType) {
        var settings: [String: JSONValue] = ["message": .string("hi")]
        settings[key] = value
        #expect(throws: JobCompileError.wrongType(key: key, expected: expected)) {
            try JobTypeFixture.compileEcho(settings)
        }
    }

    @Test func int32AcceptsAFloatWithoutFractionAndStoresItAsAnInteger() throws {
        let job = try JobTypeFixture.compileBlender(["chunk_size": .double(5.0)])
        #expect(job.settings["chunk_size"] == .int(5))
        #expect(job.tasks.map(\.name) == ["render-1-5", "render-6-10", "preview-video"])
    }

    @Test func int32AcceptsItsExtremes() throws {
        let setting = JobSettingDefinition(key: "n", type: .int32)
        #expect(try setting.validate(.int(Int64(Int32.max))) == .int(Int64(Int32.max)))
        #expect(try setting.validate(.int(Int64(Int32.min))) == .int(Int64(Int32.min)))
    }

    @Test func floatAcceptsIntegersAndKeepsThemAsSent() throws {
        let setting = JobSettingDefinition(key: "f", type: .float)
        #expect(try setting.validate(.int(24)) == .int(24))
        #expect(try setting.validate(.double(23.976)) == .double(23.976))
    }

    @Test func nullForAnOptionalSettingIsTreatedAsAbsent() throws {
        let job = try JobTypeFixture.compileBlender(["fps": .null, "has_previews": .null, "chunk_size": .null])
        #expect(job.settings["fps"] == nil)
        #expect(job.settings["has_previews"] == nil)
        #expect(job.settings["chunk_size"] == .int(1))
        #expect(!job.tasks.contains { $0.name == "preview-video" })
    }

    @Test func emptyStringsSatisfyRequiredStringSettings() throws {
        let job = try JobTypeFixture.compileBlender(["scene": .string("")])
        #expect(job.tasks[0].commands[0].parameters["args"]?.firstString == "--python-expr")
    }

    @Test func settingsTheDefinitionDoesNotDeclareAreKept() throws {
        let job = try JobTypeFixture.compileBlender(["custom_note": .string("keep me")])
        #expect(job.settings["custom_note"] == .string("keep me"))
    }
}

extension JSONValue {
    /// The first element of an array, if it is a string.
    var firstString: String? {
        if case .array(let items) = self { items.first?.stringValue } else { nil }
    }
}
