import Foundation
import Testing

@testable import FarmModel

@Suite("Job type registry and definitions")
struct JobTypeRegistryTests {
    /// A minimal job type, showing that a new type needs only a conformance and a registry entry.
    struct ExtraJobType: JobType {
        let definition = JobTypeDefinition(name: "a-extra-type", label: "Extra", settings: [])
        func compile(_ submission: JobSubmission, context: CompileContext) throws(JobCompileError) -> CompiledJob {
            CompiledJob(settings: submission.settings, tasks: [])
        }
    }

    @Test func builtInRegistryListsBothTypesSortedByName() {
        #expect(JobTypeRegistry.builtIn.definitions.map(\.name) == ["echo-sleep-test", "simple-blender-render"])
        #expect(JobTypeRegistry.builtIn.definitions.map(\.label) == ["Echo Sleep Test", "Simple Blender Render"])
    }

    @Test func registryListsTypesSortedByNameWhateverTheRegistrationOrder() {
        let registry = JobTypeRegistry([SimpleBlenderRenderJobType(), ExtraJobType(), EchoSleepTestJobType()])
        #expect(registry.jobTypes.map(\.name) == ["a-extra-type", "echo-sleep-test", "simple-blender-render"])
    }

    @Test func lookupFindsTypesByExactName() {
        #expect(JobTypeRegistry.builtIn.jobType(named: "echo-sleep-test")?.name == "echo-sleep-test")
        #expect(JobTypeRegistry.builtIn.jobType(named: "simple-blender-render")?.name == "simple-blender-render")
        #expect(JobTypeRegistry.builtIn.jobType(named: "Echo-Sleep-Test") == nil)
        #expect(JobTypeRegistry.builtIn.jobType(named: "echo_sleep_test") == nil)
    }

    @Test func compilingAnUnknownTypeIsRejected() throws {
        let submission = JobSubmission(name: "x", type: "no-such-type")
        #expect(throws: JobCompileError.unknownJobType("no-such-type")) {
            try JobTypeRegistry.builtIn.compile(submission, context: JobTypeFixture.utc)
        }
        #expect(JobCompileError.unknownJobType("no-such-type").message.contains("job type unknown"))
    }

    @Test func etagIsStableAcrossCallsAndInstances() {
        let first = SimpleBlenderRenderJobType().definition.etag
        #expect(SimpleBlenderRenderJobType().definition.etag == first)
        #expect(JobTypeRegistry.builtIn.jobType(named: "simple-blender-render")?.definition.etag == first)
        #expect(EchoSleepTestJobType().definition.etag == EchoSleepTestJobType().definition.etag)
    }

    @Test func etagIsSixteenLowerCaseHexDigits() {
        for definition in JobTypeRegistry.builtIn.definitions {
            #expect(definition.etag.count == 16)
            #expect(definition.etag.allSatisfy { "0123456789abcdef".contains($0) })
        }
    }

    @Test func etagDiffersBetweenTypesAndChangesWithTheDefinition() {
        let echo = EchoSleepTestJobType().definition
        #expect(echo.etag != SimpleBlenderRenderJobType().definition.etag)
        var changed = echo
        changed.settings[0].description = "Something else."
        #expect(changed.etag != echo.etag)
        var relabelled = echo
        relabelled.label = "Echo"
        #expect(relabelled.etag != echo.etag)
    }

    @Test func fnv1aMatchesTheReferenceVectors() {
        #expect(FNV1a64.hash("".utf8) == 0xcbf2_9ce4_8422_2325)
        #expect(FNV1a64.hash("a".utf8) == 0xaf63_dc4c_8601_ec8c)
        #expect(FNV1a64.hash("foobar".utf8) == 0x8594_4171_f739_67e8)
    }

    @Test func echoSleepTestDefinitionMatchesTheSpecification() throws {
        let definition = EchoSleepTestJobType().definition
        #expect(definition.description == nil)
        let withoutDescriptions = definition.settings.map { setting in
            var setting = setting
            setting.description = nil
            return setting.canonicalJSON
        }
        #expect(
            withoutDescriptions == [
                try JobTypeFixture.json(#"{"key": "message", "type": "string", "required": true}"#),
                try JobTypeFixture.json(#"{"key": "sleep_duration_seconds", "type": "int32", "default": 1}"#),
                try JobTypeFixture.json(#"{"key": "sleep_repeats", "type": "int32", "default": 1}"#),
            ]
        )
        #expect(definition.settings.allSatisfy { !($0.description ?? "").isEmpty })
    }

    @Test func canonicalJSONUsesFlamencoFieldNamesAndOmitsAbsentProperties() throws {
        let setting = JobSettingDefinition(
            key: "k",
            type: .float,
            subtype: .hashedFilePath,
            choices: ["a", "b"],
            label: "K",
            evalInfo: JobSettingEvalInfo(showLinkButton: false, description: "d"),
            visible: .visible
        )
        #expect(
            setting.canonicalJSON.jsonText()
                == #"{"choices":["a","b"],"evalInfo":{"description":"d","showLinkButton":false},"#
                + #""key":"k","label":"K","subtype":"hashed_file_path","type":"float","visible":"visible"}"#
        )
    }
}
