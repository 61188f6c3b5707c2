import FarmModel
import ManagerAPI
import Testing

@Suite struct ResponseEncodingTests {
    static let allSamples = WireSamples.responses + WireSamples.requests

    @Test(arguments: WireSamples.responses)
    func minimalResponseEmitsNoNull(sample: WireSample) throws {
        let text = try WireTestSupport.text(of: sample.minimal)
        #expect(!text.contains("null"), "\(sample.schema): \(text)")
        #expect(!WireTestSupport.containsNull(try WireTestSupport.json(of: sample.minimal)))
    }

    @Test(arguments: WireSamples.responses)
    func fullResponseEmitsNoNull(sample: WireSample) throws {
        #expect(!WireTestSupport.containsNull(try WireTestSupport.json(of: sample.full)), "\(sample.schema)")
    }

    @Test(arguments: allSamples)
    func samplesRoundTrip(sample: WireSample) throws {
        #expect(try sample.roundTrips(), "\(sample.schema)")
    }

    @Test func emptyArraysAreEncodedNotOmitted() throws {
        let json = try WireTestSupport.json(of: WireSamples.responses.first { $0.schema == "AssignedTask" }!.minimal)
        #expect(json["commands"] == .array([]))
        #expect(try WireTestSupport.json(of: WorkerTagList(tags: [])) == .object(["tags": .array([])]))
        #expect(try WireTestSupport.json(of: WorkerList(workers: [])) == .object(["workers": .array([])]))
    }

    @Test func absentOptionalsAreOmitted() throws {
        let json = try WireTestSupport.json(of: WireSamples.minimalWorkerSummary)
        #expect(WireTestSupport.keys(json) == ["id", "name", "status", "version", "can_restart"])
        #expect(try WireTestSupport.json(of: WireSamples.minimalTag) == .object(["name": .string("gpu")]))
    }
}
