import FarmModel
import Foundation
import Testing

/// `jsonText()` writes what `JSONEncoder` writes (sorted keys, slashes unescaped) and reads back unchanged.
@Suite struct JSONValueWriterTests {
    private func encoderText(_ value: JSONValue) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    private static let values: [JSONValue] = [
        .null, .bool(true), .bool(false), .int(0), .int(-42), .int(.max), .int(.min), .double(0.5), .double(-23.976),
        .double(24), .double(1e-7), .double(123_456_789.125), .string(""), .string("plain /path/with/slashes"),
        .string("quote \" backslash \\ tab \t newline \n cr \r bell \u{07} nul \u{00} unit \u{1F} é ✓ 🎬"),
        .array([]), .object([:]),
        .object(["b": .int(1), "a": .array([.string("x"), .null, .object(["z": .bool(true), "Z": .double(2.5)])])]),
    ]

    @Test(arguments: values) func writesWhatTheEncoderWrites(_ value: JSONValue) throws {
        #expect(value.jsonText() == (try encoderText(value)))
    }

    @Test func everyCompiledCommandMatchesTheEncoderAndReadsBack() throws {
        let blender = try JobTypeFixture.compileBlender(["frames": .string("1-30"), "has_previews": .bool(true)])
        let echo = try JobTypeFixture.compileEcho(["message": .string("say \"hi\" / \\ ✓")])
        for command in (blender.tasks + echo.tasks).flatMap(\.commands) {
            let value = JSONValue.object(command.parameters)
            let text = value.jsonText()
            #expect(text == (try encoderText(value)))
            #expect(try JSONValueParser.parse(text) == value)
        }
    }
}
