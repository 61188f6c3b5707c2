extension CommandContext {
    /// All parameters as text, for error messages.
    private var parametersText: String { WireValue.object(parameters).text }

    /// A required non-empty string parameter.
    func requiredString(_ key: String) throws -> String {
        guard case .string(let value)? = parameters[key], !value.isEmpty else {
            throw CommandFailure("\(name): mandatory parameter \"\(key)\" is missing: \(parametersText)")
        }
        return value
    }

    /// A list-of-strings parameter: absent → empty; each element converted to text.
    func stringList(_ key: String) throws -> [String] {
        guard let value = parameters[key] else { return [] }
        guard case .array(let elements) = value else {
            throw CommandFailure(
                "\(name): parameter \"\(key)\" has invalid value \(value.text): cannot convert to list of strings")
        }
        return elements.map(\.text)
    }

    /// A required number parameter.
    func requiredNumber(_ key: String) throws -> Double {
        guard let value = parameters[key] else {
            throw CommandFailure("\(name): mandatory parameter \"\(key)\" is missing: \(parametersText)")
        }
        guard case .number(let number) = value else {
            throw CommandFailure("\(name): parameter \"\(key)\" has invalid value \(value.text): bad type")
        }
        return number
    }
}
