import Testing
@testable import WorkerAgent

/// `exeArgs` splitting and Blender output recognition (worker-agent.md §3.1.2, §3.5.2).
struct BlenderRulesTests {
    @Test func splitsExeArgs() {
        #expect(ExeArgsSplitter.split(#" --factory-startup --python-expr "import bpy; print(\"hi\")""#)
            == ["--factory-startup", "--python-expr", #"import bpy; print("hi")"#])
        #expect(ExeArgsSplitter.split("-b -y") == ["-b", "-y"])
        #expect(ExeArgsSplitter.split(#"'a b' C:\b x#y # comment"#) == ["a b", "C:b", "x#y"])
        #expect(ExeArgsSplitter.split("\"\"") == [""])
        #expect(ExeArgsSplitter.split(#""open"#) == nil)
        #expect(ExeArgsSplitter.split("trailing\\") == nil)
    }

    @Test func recognisesFramesAndSavedFiles() {
        #expect(BlenderOutput(line: "Time: 00:00.10").isFrameDone)
        #expect(BlenderOutput(line: "00:00.419  render   | Time: 00:01.06").isFrameDone)
        #expect(!BlenderOutput(line: "Fra:1 Mem:12M | Time:00:00.50 | Rendering").isFrameDone)
        #expect(!BlenderOutput(line: "Fra:1 Mem:12M | Time: 00:00.50 | Rendering").isFrameDone)
        #expect(BlenderOutput(line: #"Skipping existing frame "/r/0001.png""#).isFrameDone)
        #expect(BlenderOutput(line: "Saved: '/r/it's/0001.png'").savedPath == "/r/it's/0001.png")
        #expect(BlenderOutput(line: "Saved: '/r/0001.png' Time: 00:00.10").savedPath == "/r/0001.png")
        #expect(!BlenderOutput(line: "Info: Time: 00:01.00").isFrameDone)
        #expect(!BlenderOutput(line: "Remaining Time: 00:01").isFrameDone)
        #expect(BlenderOutput(line: "Info: Saved: '/x.png'").savedPath == nil)
    }

    /// Blender 3.x and 4.x end each frame with ` Time: <elapsed> (Saving: <elapsed>)`, indented by one space.
    @Test func recognisesTheIndentedFrameLineOfBlender3And4() {
        #expect(BlenderOutput(line: " Time: 00:00.43 (Saving: 00:00.01)").isFrameDone)
        #expect(BlenderOutput(line: " Time: 01:02.95 (Saving: 00:00.12)").isFrameDone)
        #expect(BlenderOutput(line: "\tTime: 00:00.43").isFrameDone)
        #expect(!BlenderOutput(line: " Time: (Saving)").isFrameDone)
        #expect(!BlenderOutput(line: " Remaining Time: 00:01").isFrameDone)
    }
}
