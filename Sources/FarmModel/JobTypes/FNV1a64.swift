/// The 64-bit FNV-1a hash: tiny, deterministic across runs and platforms, not cryptographic.
///
/// Swift's `Hasher` is seeded per process, so it cannot give an etag that survives a restart.
enum FNV1a64 {
    /// The FNV-1a 64-bit offset basis.
    static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    /// The FNV-1a 64-bit prime.
    static let prime: UInt64 = 0x0000_0100_0000_01b3

    /// Hashes a byte sequence.
    static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hash = offsetBasis
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= prime
        }
        return hash
    }
}
