/// One-way variable expansion in the commands of an assigned task (protocol.md §7.5).
public enum VariableExpansion: Sendable {
    /// Replaces each `{name}` whose name is a known variable by its value; unknown placeholders stay as-is.
    ///
    /// One left-to-right pass: replaced values are not scanned again, so the result never depends on
    /// the order in which variables are tried.
    public static func expand(_ text: String, with variables: [String: String]) -> String {
        guard text.contains("{") else { return text }
        var result = ""
        var rest = text[...]
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            let nameStart = rest.index(after: open)
            guard let close = rest[nameStart...].firstIndex(where: { $0 == "}" || $0 == "{" }) else { break }
            if rest[close] == "{" {
                // A second `{` before any `}`: the first brace is plain text.
                result += rest[open..<close]
                rest = rest[close...]
                continue
            }
            if let value = variables[String(rest[nameStart..<close])] {
                result += value
            } else {
                result += rest[open...close]
            }
            rest = rest[rest.index(after: close)...]
        }
        result += rest
        return result
    }

    /// Expands every string parameter and every string element of an array parameter.
    ///
    /// Nested objects, and arrays inside arrays, are left untouched, as in Flamenco.
    public static func expand(
        parameters: [String: JSONValue],
        with variables: [String: String]
    ) -> [String: JSONValue] {
        parameters.mapValues { value in
            switch value {
            case .string(let text):
                .string(expand(text, with: variables))
            case .array(let elements):
                .array(
                    elements.map { element in
                        if case .string(let text) = element { .string(expand(text, with: variables)) } else { element }
                    })
            case .null, .bool, .int, .double, .object:
                value
            }
        }
    }
}
