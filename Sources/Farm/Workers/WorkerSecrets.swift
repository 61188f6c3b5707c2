import Crypto
import Foundation

/// Hashing and checking worker secrets.
///
/// A worker's secret is 256 random bits chosen by the worker (protocol.md §2), so it cannot be guessed and needs
/// no slow password hash: Tablao stores HMAC-SHA256(key: a random per-worker salt, message: secret). That keeps
/// the stored value useless for logging in elsewhere, costs about a microsecond per request instead of bcrypt's
/// milliseconds, and has no 72-byte limit. Comparison is constant-time; unknown workers are compared against a
/// dummy so timing does not reveal which IDs exist.
public enum WorkerSecrets {
    /// Bytes of random salt per worker.
    public static let saltLength = 16

    /// A fresh salt and the hash of `secret` under it.
    public static func hash(_ secret: String) -> (salt: [UInt8], hash: [UInt8]) {
        var generator = SystemRandomNumberGenerator()
        let salt = (0..<saltLength).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return (salt, hash(secret, salt: salt))
    }

    /// The hash of `secret` under `salt`.
    public static func hash(_ secret: String, salt: [UInt8]) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: Data(secret.utf8), using: SymmetricKey(data: salt)))
    }

    /// Whether `secret` matches the stored salt and hash, compared in constant time.
    public static func verify(_ secret: String, salt: [UInt8], hash expected: [UInt8]) -> Bool {
        HMAC<SHA256>.isValidAuthenticationCode(expected, authenticating: Data(secret.utf8), using: SymmetricKey(data: salt))
    }

    /// Spends the same work as `verify` for a worker that does not exist; always nil (no worker).
    public static func verifyUnknown<T>(_ secret: String) -> T? {
        _ = verify(secret, salt: dummySalt, hash: dummyHash)
        return nil
    }

    private static let dummySalt = [UInt8](repeating: 0x5A, count: saltLength)
    private static let dummyHash = [UInt8](repeating: 0, count: 32)
}
