/// Settings validation shared by every job type: Tablao enforces what the definition declares
/// (protocol.md §13 row 24), where Flamenco leaves it to the Blender add-on.
///
/// Rules, per setting of the definition, in definition order (the first failure is reported):
/// - absent or `null` → the `default` if there is one; else rejected if `required`; else left absent
///   (a `null` is removed, so compilers never see it);
/// - `string` needs a JSON string (empty is allowed: `scene` may be empty), `bool` a JSON boolean,
///   `float` any JSON number (kept as sent);
/// - `int32` needs an integer in the Int32 range. A float without fractional part (`3.0`) is accepted
///   and stored as the integer, because Python clients may compute integers as floats; `2.5` is rejected.
///
/// `choices` and `propargs` are form hints for the add-on and are not enforced. Settings that the
/// definition does not declare are kept unchanged.
extension JobTypeDefinition {
    /// Applies defaults and checks presence and types; returns the settings to compile and store.
    public func validate(settings: [String: JSONValue]) throws(JobCompileError) -> [String: JSONValue] {
        var validated = settings
        for setting in self.settings {
            validated[setting.key] = try setting.validate(settings[setting.key])
        }
        return validated
    }
}

extension JobSettingDefinition {
    /// Validates one submitted value (`nil` = absent); returns the value to keep, or `nil` to leave it absent.
    public func validate(_ value: JSONValue?) throws(JobCompileError) -> JSONValue? {
        guard let value, value != .null else {
            if let defaultValue { return defaultValue }
            if isRequired { throw .missingSetting(key: key) }
            return nil
        }
        switch (type, value) {
        case (.string, .string), (.bool, .bool), (.float, .int), (.float, .double):
            return value
        case (.int32, .int(let number)) where Int32(exactly: number) != nil:
            return value
        case (.int32, .double(let number)):
            // Int32(exactly:) is nil for fractions, NaN and out-of-range values.
            guard let integer = Int32(exactly: number) else { throw .wrongType(key: key, expected: type) }
            return .int(Int64(integer))
        default:
            throw .wrongType(key: key, expected: type)
        }
    }
}
