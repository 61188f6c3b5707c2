import Foundation
import ManagerAPI
import Testing

@Suite struct WireDateTests {
    /// 2024-05-01T09:15:02Z as seconds since 1970.
    static let base: TimeInterval = 1_714_554_902

    @Test func formatsUTCWithMilliseconds() {
        #expect(WireDate.string(from: Date(timeIntervalSince1970: Self.base + 0.123)) == "2024-05-01T09:15:02.123Z")
        #expect(WireDate.string(from: Date(timeIntervalSince1970: Self.base)) == "2024-05-01T09:15:02.000Z")
        #expect(WireDate.string(from: Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(WireDate.string(from: Date(timeIntervalSince1970: -0.001)) == "1969-12-31T23:59:59.999Z")
        #expect(WireDate.string(from: Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00.000Z")
    }

    @Test func roundsToTheNearestMillisecond() {
        #expect(WireDate.string(from: Date(timeIntervalSince1970: Self.base + 0.1229996)) == "2024-05-01T09:15:02.123Z")
        #expect(WireDate.string(from: Date(timeIntervalSince1970: Self.base + 0.9996)) == "2024-05-01T09:15:03.000Z")
    }

    @Test(arguments: [
        ("2024-05-01T09:15:02Z", 0.0),
        ("2024-05-01T09:15:02.123Z", 0.123),
        ("2024-05-01T09:15:02.123456Z", 0.123456),
        ("2024-05-01T09:15:02.123456789Z", 0.123456789),
        ("2024-05-01T09:15:02.1234567891234Z", 0.123456789),
        ("2024-05-01t09:15:02.5z", 0.5),
        ("2024-05-01 09:15:02Z", 0.0),
        ("2024-05-01T11:15:02.123+02:00", 0.123),
        ("2024-05-01T03:45:02-05:30", 0.0),
        ("2024-05-01T09:15:02+00:00", 0.0),
        ("2024-05-01T09:15:02-00:00", 0.0),
        ("2024-05-02T00:15:02+15:00", 0.0),
    ])
    func parsesRFC3339Forms(text: String, fraction: Double) throws {
        let date = try #require(WireDate.date(from: text))
        #expect(abs(date.timeIntervalSince1970 - (Self.base + fraction)) < 1e-6)
    }

    @Test(arguments: [
        "", "2024-05-01", "2024-05-01T09:15:02", "2024-05-01T09:15Z", "2024-05-01T09:15:02.Z",
        "2024-13-01T09:15:02Z", "2024-02-30T09:15:02Z", "2023-02-29T00:00:00Z", "2024-05-01T24:00:00Z",
        "2024-05-01T09:60:00Z", "2024-05-01T09:15:02+0200", "2024-05-01T09:15:02+02", "2024-05-01T09:15:02Zjunk",
        "24-05-01T09:15:02Z", "2024/05/01T09:15:02Z", "2024-05-01X09:15:02Z", "1714554902",
    ])
    func rejectsOtherForms(text: String) {
        #expect(WireDate.date(from: text) == nil)
    }

    @Test func acceptsLeapDayAndLeapSecond() throws {
        #expect(WireDate.date(from: "2024-02-29T12:00:00Z") != nil)
        let leap = try #require(WireDate.date(from: "2016-12-31T23:59:60Z"))
        #expect(WireDate.string(from: leap) == "2017-01-01T00:00:00.000Z")
    }

    @Test func formattedStringsParseBackToTheSameString() throws {
        for text in ["2024-05-01T09:15:02.123Z", "1999-12-31T23:59:59.999Z", "2038-01-19T03:14:08.001Z"] {
            let date = try #require(WireDate.date(from: text))
            #expect(WireDate.string(from: date) == text)
        }
    }
}
