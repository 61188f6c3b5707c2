import Foundation

/// One request as the stand-in Manager received it, with the status it answered (`nil`: connection reset).
struct StandInRequest: Sendable {
    /// When the request head arrived.
    let at: ContinuousClock.Instant
    let method: String
    /// The full request path, prefix included.
    let path: String
    let endpoint: StandInEndpoint
    /// The task id in the path of a task update, may-i-run or output-produced call.
    let taskID: String?
    /// Header values by lower-cased name (repeated headers joined with ", ").
    let headers: [String: String]
    let body: Data
    /// The status code sent back, `nil` when the stand-in reset the connection instead.
    var answered: Int? = nil

    /// The body as a JSON object, empty when it is not one.
    var json: [String: Any] { ((try? JSONSerialization.jsonObject(with: body)) as? [String: Any]) ?? [:] }

    /// The body as text.
    var text: String { String(decoding: body, as: UTF8.self) }

    /// A string field of the JSON body.
    func string(_ key: String) -> String? { json[key] as? String }

    /// The `Authorization` header for Basic `user:password`.
    static func basic(_ user: String, _ password: String) -> String {
        "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
    }

    /// Seconds from `earlier`'s arrival to this one's.
    func seconds(after earlier: StandInRequest) -> Double { at.seconds(since: earlier.at) }
}

extension ContinuousClock.Instant {
    /// Seconds from `earlier` to this instant.
    func seconds(since earlier: ContinuousClock.Instant) -> Double {
        let duration = self - earlier
        return Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

extension Duration {
    /// This duration in seconds.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
