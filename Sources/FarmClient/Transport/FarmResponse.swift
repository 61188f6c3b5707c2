import Foundation

/// One complete answer of the Manager: which call it answers, its status code and body.
struct FarmResponse: Sendable {
    let method: String
    let path: String
    let status: Int
    let body: Data

    /// The body decoded as `T` when the status is `expected`; otherwise the Manager's refusal as an error.
    func decode<T: Decodable>(_ type: T.Type, expecting expected: Int = 200) throws(FarmClientError) -> T {
        try requireStatus(expected)
        do {
            return try JSONDecoder().decode(type, from: body)
        } catch {
            throw .unexpectedAnswer(path: path, detail: "\(error)")
        }
    }

    /// The raw body when the status is `expected`; otherwise the Manager's refusal as an error.
    func rawBody(expecting expected: Int = 200) throws(FarmClientError) -> Data {
        try requireStatus(expected)
        return body
    }

    private func requireStatus(_ expected: Int) throws(FarmClientError) {
        guard status != expected else { return }
        throw .refused(call: "\(method) \(path)", status: status, message: refusalMessage)
    }

    /// The `message` of an `Error` (or framework) body, else the body text itself.
    var refusalMessage: String {
        if let error = try? JSONDecoder().decode(ManagerErrorBody.self, from: body) { return error.message }
        let text = String(decoding: body, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? "no explanation given" : text
    }
}
