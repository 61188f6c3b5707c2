/// One setting of a job type: its key, value type and the hints the add-on uses to build its form.
///
/// A domain value, not a wire DTO; the HTTP layer maps it to `AvailableJobSetting` (protocol.md §10.1).
public struct JobSettingDefinition: Sendable, Hashable {
    /// The key of the setting in a submission's `settings` object.
    public var key: String
    /// The JSON type the value must have.
    public var type: JobSettingType
    /// Path-like meaning of a string setting, if any.
    public var subtype: JobSettingSubtype?
    /// The allowed values, shown as a drop-down list by the add-on.
    public var choices: [String]?
    /// Extra arguments for the add-on's property, such as `min` and `max`.
    public var propargs: JSONValue?
    /// Help text shown next to the setting.
    public var description: String?
    /// Display name; the add-on derives one from the key when absent.
    public var label: String?
    /// Value used when a submission leaves the setting out (Tablao applies it; protocol.md §13 row 24).
    public var defaultValue: JSONValue?
    /// Python expression the add-on evaluates to fill in the value.
    public var eval: String?
    /// How the add-on presents `eval`.
    public var evalInfo: JobSettingEvalInfo?
    /// Where the setting is shown.
    public var visible: JobSettingVisibility?
    /// Whether a submission must provide a value (after defaults are applied).
    public var required: Bool?
    /// Whether the user may edit the value in the form.
    public var editable: Bool?

    /// Creates a setting definition; every hint is optional and absent unless given.
    public init(
        key: String,
        type: JobSettingType,
        subtype: JobSettingSubtype? = nil,
        choices: [String]? = nil,
        propargs: JSONValue? = nil,
        description: String? = nil,
        label: String? = nil,
        defaultValue: JSONValue? = nil,
        eval: String? = nil,
        evalInfo: JobSettingEvalInfo? = nil,
        visible: JobSettingVisibility? = nil,
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

    /// Whether a submission must provide this setting.
    public var isRequired: Bool { required ?? false }
}

extension JobSettingDefinition {
    /// The canonical JSON form, with Flamenco's field names; absent properties are left out.
    public var canonicalJSON: JSONValue {
        var object: [String: JSONValue] = ["key": .string(key), "type": .string(type.rawValue)]
        object["subtype"] = subtype.map { .string($0.rawValue) }
        object["choices"] = choices.map { .array($0.map(JSONValue.string)) }
        object["propargs"] = propargs
        object["description"] = description.map(JSONValue.string)
        object["label"] = label.map(JSONValue.string)
        object["default"] = defaultValue
        object["eval"] = eval.map(JSONValue.string)
        object["evalInfo"] = evalInfo.map {
            .object(["showLinkButton": .bool($0.showLinkButton), "description": .string($0.description)])
        }
        object["visible"] = visible.map { .string($0.rawValue) }
        object["required"] = required.map(JSONValue.bool)
        object["editable"] = editable.map(JSONValue.bool)
        return .object(object)
    }
}
