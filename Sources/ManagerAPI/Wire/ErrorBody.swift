/// Error body of every failed request: the HTTP status repeated and a message.
public struct ErrorBody: Codable, Hashable, Sendable {
    /// Equals the HTTP status code.
    public var code: Int
    /// Human-readable explanation.
    public var message: String

    /// Creates a value from its fields; optional ones default to absent.
    public init(code: Int, message: String) {
        self.code = code
        self.message = message
    }

    enum CodingKeys: String, CodingKey {
        case code
        case message
    }
}
