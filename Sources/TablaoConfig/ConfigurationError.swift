/// A configuration problem, naming the key and where its value came from.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The setting's key as written in `tablao.yaml`.
    public let key: String
    /// What is wrong.
    public let problem: String
    /// `tablao.yaml`, `TABLAO_…` or `--flag`.
    public let source: String

    /// Creates an error.
    public init(key: String, problem: String, source: String) {
        self.key = key
        self.problem = problem
        self.source = source
    }

    public var description: String { "configuration: \(key) (from \(source)): \(problem)" }
}
