import FarmModel
import FarmClient
import Foundation
import Testing

/// `--setting key=value` arguments checked and typed against the job types a live Manager serves.
@Suite struct SettingsValidationTests {
    static let renderArguments = [
        "frames=1-10", "chunk_size=4", "render_output_root=/render/out", "render_output_path=/render/out/shot/######",
        "blendfile=/projects/shot.blend", "fps=24.5", "format=PNG", "image_file_extension=.png", "has_previews=yes",
        "scene=Scene",
    ]

    private func type(_ name: String) async throws -> PublishedJobType {
        try #require(try await ClientFarm.servedCatalog().type(named: name), "the Manager serves no \(name)")
    }

    @Test func echoSleepSettingsAreTypedAndDefaultsFilledIn() async throws {
        let echo = try await type("echo-sleep-test")
        let settings = try JobSettingsBuilder.settings(for: echo, arguments: ["message=a=b c", "sleep_repeats=3"])
        #expect(
            settings == ["message": .string("a=b c"), "sleep_repeats": .int(3), "sleep_duration_seconds": .int(1)])
    }

    @Test func blenderSettingsAreTypedPerSchema() async throws {
        let render = try await type("simple-blender-render")
        let settings = try JobSettingsBuilder.settings(for: render, arguments: Self.renderArguments)
        #expect(settings["frames"] == .string("1-10"))
        #expect(settings["chunk_size"] == .int(4))
        #expect(settings["fps"] == .double(24.5))
        #expect(settings["has_previews"] == .bool(true))
        #expect(settings["add_path_components"] == .int(0), "the published default of a required setting")
        #expect(settings.count == Self.renderArguments.count + 1)
    }

    @Test func unknownKeyIsNamedWithTheKnownOnes() async throws {
        let echo = try await type("echo-sleep-test")
        let error = #expect(throws: SubmissionError.self) {
            try JobSettingsBuilder.settings(for: echo, arguments: ["message=hi", "sleep_repeat=2"])
        }
        #expect(
            error == .unknownSetting(
                key: "sleep_repeat", jobType: "echo-sleep-test",
                known: ["message", "sleep_duration_seconds", "sleep_repeats"]))
        #expect(error?.description.contains("\"sleep_repeat\"") == true)
    }

    @Test func missingRequiredSettingsAreAllNamed() async throws {
        let catalog = try await ClientFarm.servedCatalog()
        let echo = try #require(catalog.type(named: "echo-sleep-test"))
        let render = try #require(catalog.type(named: "simple-blender-render"))
        let echoError = #expect(throws: SubmissionError.self) {
            try JobSettingsBuilder.settings(for: echo, arguments: ["sleep_repeats=1"])
        }
        #expect(echoError == .missingSettings(keys: ["message"], jobType: "echo-sleep-test"))
        let renderError = #expect(throws: SubmissionError.self) {
            try JobSettingsBuilder.settings(for: render, arguments: ["frames=1"])
        }
        #expect(
            renderError == .missingSettings(
                keys: [
                    "render_output_root", "render_output_path", "blendfile", "format", "image_file_extension", "scene",
                ],
                jobType: "simple-blender-render"))
    }

    @Test(arguments: [
        ("sleep_repeats=three", "sleep_repeats"), ("sleep_repeats=2.5", "sleep_repeats"),
        ("sleep_duration_seconds=4294967296", "sleep_duration_seconds"),
    ])
    func integerSettingRefusesNonIntegers(argument: String, key: String) async throws {
        let echo = try await type("echo-sleep-test")
        let error = #expect(throws: SubmissionError.self) {
            try JobSettingsBuilder.settings(for: echo, arguments: ["message=hi", argument])
        }
        guard case .wrongType(let named, let expected, _) = error else {
            Issue.record("expected wrongType, got \(String(describing: error))")
            return
        }
        #expect(named == key && expected.contains("integer"))
    }

    @Test func floatAndBoolSettingsRefuseOtherText() async throws {
        let render = try await type("simple-blender-render")
        let base = Self.renderArguments.filter { !$0.hasPrefix("fps=") && !$0.hasPrefix("has_previews=") }
        #expect(throws: SubmissionError.wrongType(key: "fps", expected: "a number", value: "fast")) {
            try JobSettingsBuilder.settings(for: render, arguments: base + ["fps=fast"])
        }
        #expect(throws: SubmissionError.wrongType(key: "has_previews", expected: "true or false", value: "maybe")) {
            try JobSettingsBuilder.settings(for: render, arguments: base + ["has_previews=maybe"])
        }
        let off = try JobSettingsBuilder.settings(for: render, arguments: base + ["has_previews=False", "fps=30"])
        #expect(off["has_previews"] == .bool(false) && off["fps"] == .double(30))
    }

    @Test func malformedAndDuplicateArgumentsAreRefused() async throws {
        let echo = try await type("echo-sleep-test")
        #expect(throws: SubmissionError.malformedSetting("message")) {
            try JobSettingsBuilder.settings(for: echo, arguments: ["message"])
        }
        #expect(throws: SubmissionError.malformedSetting("=hi")) {
            try JobSettingsBuilder.settings(for: echo, arguments: ["=hi"])
        }
        #expect(throws: SubmissionError.duplicateSetting(key: "message")) {
            try JobSettingsBuilder.settings(for: echo, arguments: ["message=a", "message=b"])
        }
    }

    @Test func unknownJobTypeListsTheServedOnes() async throws {
        let catalog = try await ClientFarm.servedCatalog()
        #expect(throws: SubmissionError.unknownJobType("echo-sleep", available: catalog.jobTypes.map(\.name))) {
            try JobSubmitter.request(for: JobOrder(type: "echo-sleep", name: "x"), catalog: catalog)
        }
        #expect(catalog.jobTypes.map(\.name).contains("simple-blender-render"))
    }

    @Test func requestCarriesTheTypeEtagAndPlatform() async throws {
        let catalog = try await ClientFarm.servedCatalog()
        let order = JobOrder(
            type: "echo-sleep-test", name: "n", priority: 70, settingArguments: ["message=m"],
            metadata: ["user.name": "ana"])
        let request = try JobSubmitter.request(for: order, catalog: catalog)
        #expect(request.typeEtag == catalog.type(named: "echo-sleep-test")?.etag)
        #expect(request.typeEtag?.isEmpty == false)
        #expect(request.submitterPlatform == "linux" && request.priority == 70 && request.metadata == ["user.name": "ana"])
    }

    /// Flamenco's job types (JavaScript) may restrict a string setting to `choices`; the real built-ins do not.
    @Test func choicesAreEnforced() throws {
        let json = """
            {"name": "pick", "label": "Pick", "etag": "e", "settings": [
              {"key": "codec", "type": "string", "choices": ["h264", "av1"], "required": true, "default": "h264"}]}
            """
        let pick = try JSONDecoder().decode(PublishedJobType.self, from: Data(json.utf8))
        #expect(try JobSettingsBuilder.settings(for: pick, arguments: ["codec=av1"]) == ["codec": .string("av1")])
        #expect(try JobSettingsBuilder.settings(for: pick, arguments: []) == ["codec": .string("h264")])
        let error = #expect(throws: SubmissionError.self) {
            try JobSettingsBuilder.settings(for: pick, arguments: ["codec=vp9"])
        }
        #expect(error == .notAChoice(key: "codec", value: "vp9", choices: ["h264", "av1"]))
        #expect(error?.description == #"setting "codec" must be one of h264, av1, not "vp9""#)
    }
}
