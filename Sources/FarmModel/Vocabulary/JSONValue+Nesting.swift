/// How deeply a ``JSONValue`` nests arrays and objects, and a copy cut down to a depth.
extension JSONValue {
    /// Levels of arrays and objects: 0 for a scalar, 1 for `[]` or `{"a": 1}`, 2 for `[[1]]`, and so on.
    ///
    /// Walks iteratively, so a value nested thousands of levels deep cannot exhaust the stack here.
    public var nestingDepth: Int {
        var deepest = 0
        var pending: [(value: JSONValue, depth: Int)] = [(self, 0)]
        while let (value, depth) = pending.popLast() {
            switch value {
            case .array(let elements):
                deepest = max(deepest, depth + 1)
                pending.append(contentsOf: elements.lazy.map { ($0, depth + 1) })
            case .object(let members):
                deepest = max(deepest, depth + 1)
                pending.append(contentsOf: members.values.lazy.map { ($0, depth + 1) })
            case .null, .bool, .int, .double, .string:
                deepest = max(deepest, depth)
            }
        }
        return deepest
    }

    /// This value with every array or object that would sit deeper than `maximumDepth` levels replaced by
    /// `replacement`; values within the limit come back unchanged.
    public func pruned(toDepth maximumDepth: Int, replacement: JSONValue) -> JSONValue {
        guard maximumDepth > 0 else {
            switch self {
            case .array, .object: return replacement
            case .null, .bool, .int, .double, .string: return self
            }
        }
        switch self {
        case .array(let elements):
            return .array(elements.map { $0.pruned(toDepth: maximumDepth - 1, replacement: replacement) })
        case .object(let members):
            return .object(members.mapValues { $0.pruned(toDepth: maximumDepth - 1, replacement: replacement) })
        case .null, .bool, .int, .double, .string:
            return self
        }
    }
}
