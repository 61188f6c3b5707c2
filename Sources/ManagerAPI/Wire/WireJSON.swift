import Foundation

/// JSON coders for wire DTOs: explicit `CodingKeys` (no key strategy) and RFC 3339 timestamps via ``WireDate``.
///
/// DTOs with `Date` properties must go through these coders; a default `JSONEncoder` would write numbers.
public enum WireJSON {
    /// One encoder shared by every response (`JSONEncoder` is thread-safe once configured), instead of a new one per
    /// request.
    public static let sharedEncoder = encoder

    /// One decoder shared by every request body.
    public static let sharedDecoder = decoder

    /// A new encoder: sorted keys for stable output, `/` unescaped, dates as ``WireDate`` strings.
    public static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(WireDate.string(from: date))
        }
        return encoder
    }

    /// A new decoder that accepts any RFC 3339 date-time and refuses every other date form.
    public static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = WireDate.date(from: text) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "expected an RFC 3339 date-time, got \"\(text)\"")
            }
            return date
        }
        return decoder
    }
}
