import FarmModel
import Foundation
import ManagerAPI
import Testing

@Suite struct WireJSONTests {
    private struct Stamped: Codable, Equatable {
        var at: Date
        var path: String
    }

    @Test func encodesDatesAsRFC3339AndLeavesSlashesAlone() throws {
        let value = Stamped(at: WireDate.date(from: "2024-05-01T09:15:02.123Z")!, path: "/job-files/job-b3c0")
        #expect(
            try WireTestSupport.text(of: value) == #"{"at":"2024-05-01T09:15:02.123Z","path":"/job-files/job-b3c0"}"#)
    }

    @Test func decodesAnyRFC3339DateAndRejectsOthers() throws {
        let decoded = try WireTestSupport.decode(Stamped.self, #"{"at": "2024-05-01T11:15:02+02:00", "path": ""}"#)
        #expect(decoded.at == WireDate.date(from: "2024-05-01T09:15:02Z"))
        #expect(throws: DecodingError.self) {
            try WireTestSupport.decode(Stamped.self, #"{"at": 1714554902, "path": ""}"#)
        }
        #expect(throws: DecodingError.self) {
            try WireTestSupport.decode(Stamped.self, #"{"at": "2024-05-01", "path": ""}"#)
        }
    }

    @Test func integersStayIntegers() throws {
        let text = try WireTestSupport.text(
            of: TaskLogInfo(
                taskID: WireSamples.taskID, jobID: WireSamples.jobID, url: "/x", size: 2048))
        #expect(text.contains(#""size":2048"#))
        #expect(!text.contains("2048.0"))
    }
}
