import Imaging
import Testing

/// Random mutations of valid files: the decoder may accept or reject them, but must never crash or hang.
@Suite struct FuzzTests {
    static let iterations = 5000

    @Test func mutatedPNGsNeverCrash() throws {
        let png = try TestImages.gradient(width: 48, height: 32).pngEncoded()
        var generator = SplitMix64(seed: 0x504E47)
        var failures = 0
        for iteration in 0..<Self.iterations {
            var mutated = mutate(png, using: &generator)
            // Half the time repair the CRCs, so mutations reach zlib and the row filters.
            if iteration.isMultiple(of: 2) {
                mutated = ByteSurgery.fixingPNGChecksums(mutated)
            }
            failures += outcome(of: mutated)
        }
        #expect(failures > 0)
    }

    @Test func mutatedJPEGsNeverCrash() throws {
        let jpeg = try TestImages.gradient(width: 48, height: 32).jpegEncoded()
        var generator = SplitMix64(seed: 0x4A504547)
        var failures = 0
        for _ in 0..<Self.iterations {
            failures += outcome(of: mutate(jpeg, using: &generator))
        }
        #expect(failures > 0)
    }

    /// Runs the whole thumbnail pipeline; 1 if it threw, 0 if it produced three decodable JPEGs.
    private func outcome(of bytes: [UInt8]) -> Int {
        do {
            let thumbnails = try Thumbnailer().makeThumbnails(from: bytes)
            #expect(thumbnails.count == 3)
            return 0
        } catch {
            return 1
        }
    }

    private func mutate(_ original: [UInt8], using generator: inout SplitMix64) -> [UInt8] {
        var bytes = original
        // Keep the signature most of the time so the mutation reaches a decoder.
        let start = UInt8.random(in: 0..<10, using: &generator) == 0 ? 0 : 8
        for _ in 0..<Int.random(in: 1...3, using: &generator) {
            guard bytes.count > start + 1 else { break }
            let position = Int.random(in: start..<bytes.count, using: &generator)
            switch Int.random(in: 0..<6, using: &generator) {
            case 0, 1: bytes[position] = UInt8.random(in: 0...255, using: &generator)
            case 2: bytes[position] ^= 1 << UInt8.random(in: 0..<8, using: &generator)
            case 3:
                bytes.removeSubrange(position..<min(bytes.count, position + Int.random(in: 1...64, using: &generator)))
            case 4:
                bytes.insert(
                    contentsOf: (0..<Int.random(in: 1...16, using: &generator)).map { _ in
                        UInt8.random(in: 0...255, using: &generator)
                    },
                    at: position
                )
            default: bytes[position] = [0x00, 0xFF, 0x7F, 0x80][Int.random(in: 0..<4, using: &generator)]
            }
        }
        return bytes
    }
}
