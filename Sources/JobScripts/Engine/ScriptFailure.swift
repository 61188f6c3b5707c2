/// Why running a job-type script failed: a thrown error or syntax error (with the file and line it points at),
/// or the time limit.
struct ScriptFailure: Error, Sendable, Equatable {
    /// The error text, e.g. `TypeError: undefined is not an object`.
    var message: String
    /// The script file the error points at, relative to the job-types folder, if known.
    var file: String?
    /// The 1-based line in `file`, if known.
    var line: Int?

    /// `file line N: message`, or only the message when the location is unknown.
    var located: String {
        guard let file else { return message }
        return line.map { "\(file) line \($0): \(message)" } ?? "\(file): \(message)"
    }
}
