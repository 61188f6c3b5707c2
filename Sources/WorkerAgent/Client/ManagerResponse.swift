import Foundation

/// A complete HTTP answer from the Manager: status code, JSON-ness and body.
struct ManagerResponse: Sendable {
    let status: Int
    let isJSON: Bool
    let body: Data

    /// Decodes a JSON body, `nil` when it is not JSON or does not match.
    func decode<T: Decodable>(_ type: T.Type) -> T? {
        guard isJSON else { return nil }
        return try? JSONDecoder().decode(type, from: body)
    }

    /// The body as text, for log lines.
    var text: String { String(decoding: body, as: UTF8.self) }
}
