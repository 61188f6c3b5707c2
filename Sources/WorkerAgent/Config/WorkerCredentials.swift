import Foundation

/// The worker's identity at the Manager: UUID and self-chosen secret (protocol.md §2).
public struct WorkerCredentials: Sendable, Equatable {
    public let workerID: String
    public let secret: String

    public init(workerID: String, secret: String) {
        self.workerID = workerID
        self.secret = secret
    }

    /// Empty Basic credentials, sent on registration like the Go Worker.
    static let empty = WorkerCredentials(workerID: "", secret: "")

    /// The `Authorization` header value.
    var authorization: String { "Basic " + Data("\(workerID):\(secret)".utf8).base64EncodedString() }

    /// 32 random bytes, lower-case hex (64 characters).
    static func randomSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in
            let byte = UInt8.random(in: .min ... .max, using: &generator)
            return String(byte, radix: 16).count == 1 ? "0" + String(byte, radix: 16) : String(byte, radix: 16)
        }.joined()
    }
}
