import Testing

@testable import FarmModel

@Suite("Frame ranges and chunks (protocol.md §10.1.2 step 3)")
struct FrameListTests {
    @Test(arguments: [
        ("1", [1]),
        ("0", [0]),
        ("1-3", [1, 2, 3]),
        ("1..3", [1, 2, 3]),
        ("3-3", [3]),
        (" 1 - 3 , 5 ", [1, 2, 3, 5]),
        ("1\t..\n2", [1, 2]),
        ("5,1-3,2", [1, 2, 3, 5]),
        ("10-12,1..2", [1, 2, 10, 11, 12]),
        ("1-5,3-8,8", [1, 2, 3, 4, 5, 6, 7, 8]),
        ("1-3,,5,", [1, 2, 3, 5]),
        ("007", [7]),
    ])
    func validFrameTextExpandsSortedWithoutDuplicates(text: String, expected: [Int]) throws {
        #expect(try FrameList(parsing: text).frames == expected)
    }

    @Test(arguments: [
        ("", FrameList.ParseError.empty),
        (" , ", .empty),
        ("a", .invalidItem("a")),
        ("1-", .invalidItem("1-")),
        ("-1", .invalidItem("-1")),
        ("+1", .invalidItem("+1")),
        ("1.5", .invalidItem("1.5")),
        ("1...3", .invalidItem("1...3")),
        ("1-2-3", .invalidItem("1-2-3")),
        ("1-3,x", .invalidItem("x")),
        ("99999999999999999999", .invalidItem("99999999999999999999")),
        ("3-1", .reversedRange("3-1")),
        ("5..2", .reversedRange("5..2")),
        ("0-2000000", .tooManyFrames(limit: 1_000_000)),
        ("0-9223372036854775807", .tooManyFrames(limit: 1_000_000)),
    ])
    func invalidFrameTextIsRejected(text: String, expected: FrameList.ParseError) {
        #expect(throws: expected) { try FrameList(parsing: text) }
    }

    @Test func frameLimitCountsDistinctFramesOnly() throws {
        #expect(try FrameList(parsing: "1-6,2-5,6", limit: 6).frames.count == 6)
        #expect(throws: FrameList.ParseError.tooManyFrames(limit: 6)) { try FrameList(parsing: "1-6,8", limit: 6) }
    }

    @Test(arguments: [
        (Array(1...10), 3, ["1-3", "4-6", "7-9", "10"]),
        ([7], 1, ["7"]),
        ([4, 5], 2, ["4,5"]),
        ([1, 2, 3, 5], 4, ["1-3,5"]),
        ([4, 5, 7], 3, ["4,5,7"]),
        ([1, 3, 5, 6, 7, 8], 10, ["1,3,5-8"]),
        ([1, 2, 4, 5, 6], 5, ["1,2,4-6"]),
        (Array(1...5), 10, ["1-5"]),
        (Array(1...4), 1, ["1", "2", "3", "4"]),
    ])
    func chunksAreNamedCompactly(frames: [Int], size: Int, expected: [String]) {
        #expect(FrameChunk.chunks(of: frames, size: size).map(\.name) == expected)
    }

    @Test func chunkFramesAreGroupedInOrder() {
        let chunks = FrameChunk.chunks(of: [1, 2, 3, 10, 11], size: 2)
        #expect(chunks.map { Array($0.frames) } == [[1, 2], [3, 10], [11]])
    }

    @Test(arguments: [("1-3", "1..3"), ("7", "7"), ("4,5", "4,5"), ("1-3,5,7-9", "1..3,5,7..9")])
    func blenderFrameArgumentUsesDoubleDots(name: String, expected: String) throws {
        let frames = try FrameList(parsing: name).frames
        let chunk = FrameChunk.chunks(of: frames, size: frames.count)[0]
        #expect(chunk.name == name)
        #expect(chunk.blenderFrameArgument == expected)
    }
}
