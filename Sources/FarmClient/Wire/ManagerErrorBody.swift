/// The Manager's error body: `Error {code, message}`, or the framework's `{message}`.
struct ManagerErrorBody: Decodable, Sendable {
    let message: String
}
