import FarmModel
import Foundation
import Testing

/// The direct JSON parser must read exactly what `JSONDecoder` reads into `JSONValue`, and refuse what it refuses.
@Suite struct JSONValueParserTests {
    private func decoded(_ text: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    private func encoded(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test func readsEveryCompiledCommandOfBothJobTypesLikeTheDecoder() throws {
        let blender = try JobTypeFixture.compileBlender(["frames": .string("1-40"), "has_previews": .bool(true)])
        let echo = try JobTypeFixture.compileEcho(["message": .string("héllo \"quoted\" \\ / \u{1F3AC}")])
        let parameters = (blender.tasks + echo.tasks).flatMap(\.commands).map { JSONValue.object($0.parameters) }
        #expect(parameters.count > 10)
        for value in parameters {
            let text = try encoded(value)
            #expect(try JSONValueParser.parse(text) == decoded(text), "\(text)")
        }
    }

    @Test(arguments: [
        #"{"a":[1,-2,3.5,-0.25,1e3,2E-2,0,-0,9223372036854775807,9223372036854775808],"b":null,"c":true,"d":false}"#,
        #"  [ "x" , { "k" : [ ] , "e" : { } } ]  "#,
        #""tab\tnew\nline \u00e9 \ud83c\udfac \/ \\ \" \b\f\r""#,
        "[[[[[[[[[[]]]]]]]]]]",
        #""plain ünïcödé ✓""#,
        "-12345678901234567890", "[1.0, -0.0, 1.5e1, 100e-2, 1E0, 9007199254740993, 0.1]",
    ])
    func agreesWithTheDecoder(_ text: String) throws {
        #expect(try JSONValueParser.parse(text) == decoded(text))
    }

    @Test(arguments: [
        "", "[", "]", "{", #"{"a"}"#, #"{"a":}"#, "[,1]", "01", "1.", ".5", "-", "1e", "+1",
        "tru", "nul", #""unterminated"#, #""bad \x escape""#, #""\ud83c alone""#, "\"control \u{01} char\"", "[1] 2",
        "NaN", "Infinity", "1e999",
    ])
    func refusesWhatTheDecoderRefuses(_ text: String) {
        #expect(throws: JSONValueParser.Malformed.self) { try JSONValueParser.parse(text) }
        #expect(throws: (any Error).self) { try decoded(text) }
    }

    @Test(arguments: ["[1,]", #"{"a":1,}"#])
    func refusesTrailingCommasThatTheDecoderTolerates(_ text: String) {
        #expect(throws: JSONValueParser.Malformed.self) { try JSONValueParser.parse(text) }
    }

    @Test func refusesNestingDeeperThanItsLimitInsteadOfOverflowingTheStack() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONValueParser.Malformed.self) { try JSONValueParser.parse(deep) }
    }
}
