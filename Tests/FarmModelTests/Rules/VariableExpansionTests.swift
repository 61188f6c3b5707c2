import FarmModel
import Testing

@Suite("Variable expansion in assigned tasks (protocol.md §7.5)")
struct VariableExpansionTests {
    static let linux = ["blender": "blender", "blenderArgs": "-b -y", "jobs": "/shared/jobs"]

    @Test(
        "Placeholders of known variables are replaced, anything else stays",
        arguments: [
            ("{blender} {blenderArgs}", "blender -b -y"),
            ("{jobs}/scene.blend", "/shared/jobs/scene.blend"),
            ("{unknown}/x", "{unknown}/x"),
            ("{{blender}}", "{blender}"),
            ("{blender", "{blender"),
            ("}{blender}{", "}blender{"),
            ("{}", "{}"),
            ("{ blender }", "{ blender }"),
            ("", ""),
            ("no placeholders", "no placeholders"),
            ("{blender}{blender}", "blenderblender"),
            ("∆{jobs}∆", "∆/shared/jobs∆"),
        ]
    )
    func expandsText(input: String, output: String) {
        #expect(VariableExpansion.expand(input, with: Self.linux) == output)
    }

    @Test("Replaced values are not expanded again")
    func expansionIsSinglePass() {
        #expect(VariableExpansion.expand("{a}-{b}", with: ["a": "{b}", "b": "x"]) == "{b}-x")
    }

    @Test("Strings and string array elements are expanded; nested objects and other values are not")
    func expandsParameters() {
        let parameters: [String: JSONValue] = [
            "exe": .string("{blender}"),
            "args": .array([.string("{jobs}/a.blend"), .int(3), .array([.string("{blender}")])]),
            "nested": .object(["exe": .string("{blender}")]),
            "count": .int(2), "ratio": .double(0.5), "flag": .bool(true), "none": .null,
        ]
        let expanded = VariableExpansion.expand(parameters: parameters, with: Self.linux)
        #expect(expanded["exe"] == .string("blender"))
        #expect(expanded["args"] == .array([.string("/shared/jobs/a.blend"), .int(3), .array([.string("{blender}")])]))
        #expect(expanded["nested"] == .object(["exe": .string("{blender}")]))
        #expect(expanded["count"] == .int(2))
        #expect(expanded["ratio"] == .double(0.5))
        #expect(expanded["flag"] == .bool(true))
        #expect(expanded["none"] == .null)
    }

    @Test(
        "Default variables per platform",
        arguments: [
            ("linux", "blender"), ("darwin", "blender"), ("windows", "blender.exe"), ("Windows", "blender.exe"),
            ("freebsd", "blender"),
        ]
    )
    func defaultVariables(platform: String, blender: String) {
        let values = VariableSet.defaults(sharedStoragePath: "/srv/flamenco").values(forPlatform: platform)
        #expect(values == ["blender": blender, "blenderArgs": "-b -y", "jobs": "/srv/flamenco"])
    }

    @Test("A variable without a value for the platform is left out, so its placeholder stays")
    func variableWithoutPlatformValue() {
        let set = VariableSet(["render": VariableSet.Values(byPlatform: ["linux": "/mnt/render"])])
        #expect(set.values(forPlatform: "linux") == ["render": "/mnt/render"])
        #expect(set.values(forPlatform: "windows").isEmpty)
        #expect(VariableExpansion.expand("{render}/x", with: set.values(forPlatform: "windows")) == "{render}/x")
    }
}
