import SQLite
@testable import Storage
import Testing

/// `supported_task_types` is read on every worker request; its fast path must agree with JSON or step aside.
@Suite struct StringArrayFastPathTests {
    @Test(arguments: [
        ("[]", [String]()), (#"["blender"]"#, ["blender"]), (#"["blender","ffmpeg","misc"]"#, ["blender", "ffmpeg", "misc"]),
        (#"["","é"]"#, ["", "é"]),
    ])
    func splitsPlainArrays(_ text: String, _ expected: [String]) {
        #expect(Row.plainStringArray(text) == expected)
    }

    @Test(arguments: [
        #"["a,b"]"#, #"["a", "b"]"#, #"["a\"b"]"#, #"["a\\b"]"#, #"[1,2]"#, #"{"a":1}"#, #"["a""b"]"#, "[", #"["a",]"#,
    ])
    func leavesEverythingElseToTheJSONDecoder(_ text: String) {
        #expect(Row.plainStringArray(text) == nil)
    }
}
