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
