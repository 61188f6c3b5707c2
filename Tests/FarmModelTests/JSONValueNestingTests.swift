import FarmModel
import Testing

/// Nesting depth of JSON values and cutting them down to a depth.
@Suite struct JSONValueNestingTests {
    static func nested(_ levels: Int, around value: JSONValue = .int(1)) -> JSONValue {
        (0..<levels).reduce(value) { inner, _ in .array([inner]) }
    }

    @Test func depthCountsLevelsOfArraysAndObjects() {
        #expect(JSONValue.string("x").nestingDepth == 0)
        #expect(JSONValue.array([]).nestingDepth == 1)
        #expect(JSONValue.object(["a": .array([.object([:])])]).nestingDepth == 3)
        #expect(JSONValue.array([.int(1), Self.nested(4)]).nestingDepth == 5)
        // Deeper than JSON decoders accept (512).
        #expect(Self.nested(2_000).nestingDepth == 2_000)
    }

    @Test func pruningReplacesOnlyWhatLiesDeeperThanTheLimit() {
        let marker = JSONValue.string("cut")
        #expect(Self.nested(3).pruned(toDepth: 3, replacement: marker) == Self.nested(3))
        #expect(Self.nested(5).pruned(toDepth: 3, replacement: marker) == Self.nested(3, around: marker))
        let mixed = JSONValue.object(["shallow": .int(1), "deep": Self.nested(4)])
        #expect(
            mixed.pruned(toDepth: 2, replacement: marker)
                == .object(["shallow": .int(1), "deep": .array([marker])]))
        #expect(JSONValue.string("s").pruned(toDepth: 0, replacement: marker) == .string("s"))
    }
}

/// The byte scan that refuses deep request bodies before decoding.
@Suite struct JSONNestingScanTests {
    func scan(_ text: String, limit: Int) -> JSONNestingScan.TooDeep? {
        do throws(JSONNestingScan.TooDeep) {
            try JSONNestingScan.check(Array(text.utf8), limit: limit)
            return nil
        } catch {
            return error
        }
    }

    @Test func depthWithinTheLimitPassesAndBracketsInStringsDoNotCount() {
        #expect(scan(#"{"a":[[1]],"b":{"c":"[[[[[[{{{{"}}"#, limit: 3) == nil)
        #expect(scan(#"{"a\"[[[":"\\"}"#, limit: 1) == nil)
        #expect(scan("[]", limit: 1) == nil)
    }

    @Test func theFirstTooDeepValueIsNamedByItsKeys() {
        let bomb = #"{"name":"x","settings":{"message":"hi","bomb":"# + String(repeating: "[", count: 510) + "1"
            + String(repeating: "]", count: 510) + "}}"
        #expect(scan(bomb, limit: 64) == JSONNestingScan.TooDeep(keyPath: ["settings", "bomb"], limit: 64))
        #expect(scan(#"{"a":{"b":1},"c":{"d":[[1]]}}"#, limit: 3)?.field == "c.d")
        #expect(scan(String(repeating: "[", count: 100_000), limit: 64)?.field == "the body")
    }
}
