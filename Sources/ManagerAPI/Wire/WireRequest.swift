/// A request body: decoded from JSON, then checked by ``validate()`` for rules its types cannot express.
///
/// Decoding already enforces required properties, JSON types and enum values (protocol.md §1.4); a handler
/// answers 400 when either step fails.
public protocol WireRequest: Decodable, Sendable {
    /// Throws when the decoded body breaks a rule beyond its types, such as a priority out of range.
    func validate() throws(WireValidationError)
}

extension WireRequest {
    /// Accepts every decoded value: most request bodies have no rule beyond their types.
    public func validate() throws(WireValidationError) {}
}
