/// One verdict of a run: a named property and the violations found against it.
public struct TortureCheck: Sendable {
    /// What the check asserts.
    public let name: String
    /// How many times it was broken (tasks, answers or integrity messages).
    public let violations: Int
    /// The first violations, spelled out.
    public let details: [String]

    /// Whether nothing broke it.
    public var passed: Bool { violations == 0 }

    /// How many details a check keeps.
    static let keptDetails = 10

    init(_ name: String, violations: [String]) {
        self.name = name
        self.violations = violations.count
        self.details = Array(violations.prefix(Self.keptDetails))
    }

    init(_ name: String, violationCount: Int, details: [String]) {
        self.name = name
        self.violations = violationCount
        self.details = Array(details.prefix(Self.keptDetails))
    }
}
