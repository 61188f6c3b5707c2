import Testing

@testable import FarmModel

@Suite("Path helpers of compiled commands")
struct RenderPathTests {
    @Test(arguments: [
        (["/render//shot/", "frame"], "/render/shot/frame"),
        ([#"C:\render\shot"#, "*.png"], "C:/render/shot/*.png"),
        (["relative/dir/", "x"], "relative/dir/x"),
        (["/a/", "", "/b//"], "/a/b"),
        (["/", "x"], "/x"),
        (["/"], "/"),
        ([#"\\server\share"#, "f"], "/server/share/f"),
    ])
    func joinUsesForwardSlashesWithoutDuplicateOrTrailingOnes(parts: [String], expected: String) {
        #expect(parts.dropFirst().reduce(parts[0]) { RenderPath.join($0, $1) } == expected)
    }

    @Test(arguments: [
        ("/render/shot/######", "/render/shot"),
        (#"C:\a\b"#, "C:/a"),
        ("/a//b/", "/a"),
        ("file", "."),
        ("/file", "/"),
    ])
    func dirnameDropsTheLastComponent(path: String, expected: String) {
        #expect(RenderPath.dirname(path) == expected)
    }

    @Test(arguments: [
        ("/a/b/", "b"),
        (#"C:\a\b.blend"#, "b.blend"),
        ("name", "name"),
    ])
    func basenameIsTheLastComponent(path: String, expected: String) {
        #expect(RenderPath.basename(path) == expected)
    }

    @Test(arguments: [
        ("/p/shot.flamenco.blend", "shot.flamenco"),
        ("/p/noext", "noext"),
        ("/p/.hidden", ".hidden"),
        (#"D:\p\x.tar.gz"#, "x.tar"),
    ])
    func stemDropsTheLastExtension(path: String, expected: String) {
        #expect(RenderPath.stem(path) == expected)
    }
}
