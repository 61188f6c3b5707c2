import FarmModel
import Testing

/// Task types and tags a worker claims.
@Suite struct WorkerAbilityListsTests {
    @Test func taskTypesAreDeduplicatedInOrderAndNormalisedOnlyWhenAsked() throws {
        #expect(try WorkerAbilityLists.taskTypes(["b", "a", "b", "A"], normalizing: false) == ["b", "a", "A"])
        #expect(try WorkerAbilityLists.taskTypes([" B", "a", "b", "A "], normalizing: true) == ["b", "a"])
        let many = (0..<64).map { "t\($0)" }
        #expect(try WorkerAbilityLists.taskTypes(many + many, normalizing: false) == many)
        #expect(throws: WorkerAbilityLists.Refusal.self) {
            try WorkerAbilityLists.taskTypes(many + ["t64"], normalizing: false)
        }
        #expect(throws: WorkerAbilityLists.Refusal.self) {
            try WorkerAbilityLists.taskTypes([String(repeating: "x", count: 257)], normalizing: false)
        }
    }

    @Test func tagsAreDeduplicatedAndCapped() throws {
        let tags = (0..<65).map { _ in TagID.random() }
        #expect(try WorkerAbilityLists.tags(Array(tags.prefix(64)) + tags.prefix(3)) == Array(tags.prefix(64)))
        #expect(throws: WorkerAbilityLists.Refusal.self) { try WorkerAbilityLists.tags(tags) }
    }

    @Test func tagIDsAreLowerCasedOtherIDsKeptAsGiven() throws {
        let upper = "0A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D"
        #expect(TagID(validating: upper)?.rawValue == upper.lowercased())
        #expect(JobID(validating: upper)?.rawValue == upper)
    }
}
