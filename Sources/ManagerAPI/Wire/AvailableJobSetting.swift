import FarmModel

/// One setting of a job type, as shown in the submission form.
public struct AvailableJobSetting: Codable, Hashable, Sendable {
    /// Setting name, the key in `SubmittedJob.settings`.
    public var key: String
    /// Value type.
    public var type: AvailableJobSettingType
    /// Finer meaning of a string value.
    public var subtype: AvailableJobSettingSubtype?
    /// Allowed values of a string setting.
    public var choices: [String]?
    /// Extra arguments for the add-on's property, such as `min`/`max`.
    public var propargs: [String: JSONValue]?
    /// Help text.
    public var description: String?
    /// Label shown instead of the key.
    public var label: String?
    /// Default value; never `null`.
    public var defaultValue: JSONValue?
    /// Python expression the add-on evaluates to fill in the value.
    public var eval: String?
    /// Hints on `eval`.
    public var evalInfo: AvailableJobSettingEvalInfo?
    /// Where the setting is shown.
    public var visible: AvailableJobSettingVisibility?
    /// Whether the setting must have a value.
    public var required: Bool?
    /// Whether users may change the value.
    public var editable: Bool?

    /// Creates a value from its fields; optional ones default to absent.
    public init(
        key: String,
        type: AvailableJobSettingType,
        subtype: AvailableJobSettingSubtype? = nil,
        choices: [String]? = nil,
        propargs: [String: JSONValue]? = nil,
        description: String? = nil,
        label: String? = nil,
        defaultValue: JSONValue? = nil,
        eval: String? = nil,
        evalInfo: AvailableJobSettingEvalInfo? = nil,
        visible: AvailableJobSettingVisibility? = nil,
        required: Bool? = nil,
        editable: Bool? = nil
    ) {
        self.key = key
        self.type = type
        self.subtype = subtype
        self.choices = choices
        self.propargs = propargs
        self.description = description
        self.label = label
        self.defaultValue = defaultValue
        self.eval = eval
        self.evalInfo = evalInfo
        self.visible = visible
        self.required = required
        self.editable = editable
    }

    enum CodingKeys: String, CodingKey {
        case key
        case type
        case subtype
        case choices
        case propargs
        case description
        case label
        case defaultValue = "default"
        case eval
        case evalInfo
        case visible
        case required
        case editable
    }
}
