import FarmModel

/// Reads a script's `JOB_TYPE` object (as JSON) into a definition, refusing what the add-on could not use.
enum JobTypeObjectReader {
    /// Why a `JOB_TYPE` object was refused.
    struct Refusal: Error {
        let reason: String
        init(_ reason: String) { self.reason = reason }
    }

    /// The definition of job type `name`; unknown properties are ignored, as Flamenco's loader ignores them.
    static func definition(named name: String, from object: JSONValue) throws(Refusal) -> JobTypeDefinition {
        guard case .object(let fields) = object else { throw Refusal("JOB_TYPE is not an object") }
        guard case .string(let label)? = fields["label"] else { throw Refusal("JOB_TYPE.label must be a string") }
        let description = try optionalString(fields["description"], "JOB_TYPE.description")
        guard case .array(let items)? = fields["settings"] ?? .array([]) else {
            throw Refusal("JOB_TYPE.settings must be an array")
        }
        var settings: [JobSettingDefinition] = []
        var keys: Set<String> = []
        for (index, item) in items.enumerated() {
            let setting = try self.setting(item, at: index)
            guard keys.insert(setting.key).inserted else { throw Refusal("setting \"\(setting.key)\" appears twice") }
            settings.append(setting)
        }
        return JobTypeDefinition(name: name, label: label, description: description, settings: settings)
    }

    private static func setting(_ item: JSONValue, at index: Int) throws(Refusal) -> JobSettingDefinition {
        guard case .object(let fields) = item else { throw Refusal("JOB_TYPE.settings[\(index)] is not an object") }
        guard case .string(let key)? = fields["key"], !key.isEmpty else {
            throw Refusal("JOB_TYPE.settings[\(index)].key must be a non-empty string")
        }
        let name = "setting \"\(key)\""
        guard case .string(let typeName)? = fields["type"], let type = JobSettingType(rawValue: typeName) else {
            throw Refusal("\(name): type must be one of string, int32, float, bool")
        }
        var setting = JobSettingDefinition(key: key, type: type)
        if let subtype = try optionalString(fields["subtype"], "\(name): subtype") {
            guard let value = JobSettingSubtype(rawValue: subtype) else {
                throw Refusal("\(name): subtype must be one of file_path, dir_path, file_name, hashed_file_path")
            }
            setting.subtype = value
        }
        if let choices = fields["choices"], choices != .null {
            guard case .array(let values) = choices else {
                throw Refusal("\(name): choices must be an array of strings")
            }
            var strings: [String] = []
            for value in values {
                guard case .string(let text) = value else {
                    throw Refusal("\(name): choices must be an array of strings")
                }
                strings.append(text)
            }
            setting.choices = strings
        }
        if let propargs = fields["propargs"], propargs != .null {
            guard case .object = propargs else { throw Refusal("\(name): propargs must be an object") }
            setting.propargs = propargs
        }
        setting.description = try optionalString(fields["description"], "\(name): description")
        setting.label = try optionalString(fields["label"], "\(name): label")
        if let value = fields["default"], value != .null {
            do {
                setting.defaultValue = try JobSettingDefinition(key: key, type: type).validate(value)
            } catch {
                throw Refusal("\(name): default does not match its type \(type.rawValue)")
            }
        }
        setting.eval = try optionalString(fields["eval"], "\(name): eval")
        if let evalInfo = fields["evalInfo"], evalInfo != .null {
            guard case .object(let info) = evalInfo, case .bool(let button)? = info["showLinkButton"],
                case .string(let text)? = info["description"]
            else { throw Refusal("\(name): evalInfo must be {showLinkButton: bool, description: string}") }
            setting.evalInfo = JobSettingEvalInfo(showLinkButton: button, description: text)
        }
        if let visible = try optionalString(fields["visible"], "\(name): visible") {
            guard let value = JobSettingVisibility(rawValue: visible) else {
                throw Refusal("\(name): visible must be one of visible, hidden, submission, web")
            }
            setting.visible = value
        }
        setting.required = try optionalBool(fields["required"], "\(name): required")
        setting.editable = try optionalBool(fields["editable"], "\(name): editable")
        return setting
    }

    private static func optionalString(_ value: JSONValue?, _ what: String) throws(Refusal) -> String? {
        switch value {
        case nil, .null?: return nil
        case .string(let text)?: return text
        default: throw Refusal("\(what) must be a string")
        }
    }

    private static func optionalBool(_ value: JSONValue?, _ what: String) throws(Refusal) -> Bool? {
        switch value {
        case nil, .null?: return nil
        case .bool(let flag)?: return flag
        default: throw Refusal("\(what) must be true or false")
        }
    }
}
