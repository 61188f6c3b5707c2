import Foundation
import Testing

@testable import FarmModel

/// What every built-in job type publishes about its settings matches what it needs: a setting the Manager cannot do
/// without is marked `required`, so `tablao job-types NAME` and the Blender add-on can tell before submitting.
@Suite("Published required settings of the built-in job types")
struct PublishedRequirementsTests {
    /// A complete, valid submission of each built-in type.
    static let samples: [String: [String: JSONValue]] = [
        "echo-sleep-test": ["message": .string("hi"), "sleep_duration_seconds": .int(1), "sleep_repeats": .int(2)],
        "simple-blender-render": JobTypeFixture.blenderSettings(),
    ]

    @Test func everyBuiltInTypeHasASample() {
        #expect(Set(JobTypeRegistry.builtIn.definitions.map(\.name)) == Set(Self.samples.keys))
    }

    /// Leaving out a setting fails the submission exactly when the type publishes it as required without a default.
    @Test(arguments: JobTypeRegistry.builtIn.definitions.flatMap { definition in
        definition.settings.map { "\(definition.name)/\($0.key)" }
    })
    func leavingOutASettingFailsOnlyIfItIsPublishedAsRequired(setting path: String) throws {
        let parts = path.split(separator: "/").map(String.init)
        let (typeName, key) = (parts[0], parts[1])
        let definition = try #require(JobTypeRegistry.builtIn.definitions.first { $0.name == typeName })
        let published = try #require(definition.settings.first { $0.key == key })
        var settings = try #require(Self.samples[typeName])
        #expect(throws: Never.self) { try Self.compile(typeName, settings) }
        settings[key] = nil
        var missing: String?
        do {
            _ = try Self.compile(typeName, settings)
        } catch .missingSetting(let missingKey) {
            missing = missingKey
        } catch {
            // Other refusals (e.g. a video format) are not about presence.
        }
        if published.isRequired && published.defaultValue == nil {
            #expect(missing == key, "\(path) is published as required but can be left out")
        } else {
            #expect(missing == nil, "\(path) is needed (\(missing ?? "")) but not published as required")
        }
    }

    private static func compile(_ type: String, _ settings: [String: JSONValue]) throws(JobCompileError) -> CompiledJob {
        try JobTypeRegistry.builtIn.compile(
            JobSubmission(name: "Sample", type: type, settings: settings), context: JobTypeFixture.utc)
    }
}
