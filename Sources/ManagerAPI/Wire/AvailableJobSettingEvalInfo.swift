/// Extra hints for a setting whose value the add-on can compute.
public struct AvailableJobSettingEvalInfo: Codable, Hashable, Sendable {
    /// Whether the add-on shows a button to recompute the value.
    public var showLinkButton: Bool
    /// Tooltip of that button.
    public var description: String

    /// Creates a value from its fields; optional ones default to absent.
    public init(showLinkButton: Bool, description: String) {
        self.showLinkButton = showLinkButton
        self.description = description
    }

    enum CodingKeys: String, CodingKey {
        case showLinkButton
        case description
    }
}
