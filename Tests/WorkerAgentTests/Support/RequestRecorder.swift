import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization

/// One request the live Manager received, with when it arrived and how it was answered.
struct RecordedRequest: Sendable {
    let method: String
    let path: String
    let headers: HTTPFields
    let body: [UInt8]
    let received: ContinuousClock.Instant
    /// When the Manager's answer was ready; `nil` while the request is being handled.
    var answered: ContinuousClock.Instant?
    /// The answer's status code; `nil` while the request is being handled.
    var status: Int?

    /// The request body as a task update, when it is one.
    var update: SentUpdate? { SentUpdate(json: body) }

    /// The `Content-Type` header.
    var contentType: String? { headers[.contentType] }

    /// The `Content-Length` header.
    var contentLength: String? { headers[.contentLength] }
}

/// A task update as the worker put it on the wire: the four protocol fields plus anything unexpected.
struct SentUpdate: Sendable, Equatable, CustomStringConvertible {
    var taskStatus: String?
    var activity: String?
    var log: String?
    var steps: Int?
    /// Keys that are not one of the four fields, and fields sent as `null`.
    var unexpected: [String] = []

    init(taskStatus: String? = nil, activity: String? = nil, log: String? = nil, steps: Int? = nil) {
        self.taskStatus = taskStatus
        self.activity = activity
        self.log = log
        self.steps = steps
    }

    init?(json: [UInt8]) {
        struct Fields: Decodable {
            var taskStatus: String?
            var activity: String?
            var log: String?
            var steps_completed: Int?
        }
        let known: Set<String> = ["taskStatus", "activity", "log", "steps_completed"]
        guard let object = try? JSONSerialization.jsonObject(with: Data(json)) as? [String: Any],
            let fields = try? JSONDecoder().decode(Fields.self, from: Data(json))
        else { return nil }
        taskStatus = fields.taskStatus
        activity = fields.activity
        log = fields.log
        steps = fields.steps_completed
        unexpected = object.filter { !known.contains($0.key) || $0.value is NSNull }.map(\.key).sorted()
    }

    static let started = SentUpdate(taskStatus: "active", activity: "Started")
    static let completed = SentUpdate(taskStatus: "completed", activity: "Completed")

    /// `{activity: "Progress", steps_completed: n}`.
    static func progress(_ steps: Int) -> SentUpdate { SentUpdate(activity: "Progress", steps: steps) }

    /// A log-only update.
    static func logText(_ text: String) -> SentUpdate { SentUpdate(log: text) }

    /// Log text and nothing else.
    var isLogOnly: Bool { log != nil && taskStatus == nil && activity == nil && steps == nil && unexpected.isEmpty }

    var description: String {
        var parts: [String] = []
        if let taskStatus { parts.append("taskStatus: \(taskStatus)") }
        if let activity { parts.append("activity: \(activity.debugDescription)") }
        if let steps { parts.append("steps: \(steps)") }
        if let log { parts.append("log: \(String(log.prefix(120)).debugDescription)") }
        if !unexpected.isEmpty { parts.append("unexpected: \(unexpected)") }
        return "{" + parts.joined(separator: ", ") + "}"
    }
}

/// Records every request the live Manager receives, in arrival order; `beforeAnswering` runs for each request
/// before the Manager handles it (a test can hold an answer there or look at the world at that moment).
final class RequestRecorder: Sendable {
    private let entries = Mutex<[RecordedRequest]>([])
    let beforeAnswering: @Sendable (RecordedRequest) async -> Void

    init(beforeAnswering: @escaping @Sendable (RecordedRequest) async -> Void = { _ in }) {
        self.beforeAnswering = beforeAnswering
    }

    /// Everything received so far.
    var requests: [RecordedRequest] { entries.withLock { $0 } }

    /// `POST /api/v3/worker/task/{id}` bodies for `taskID`, in arrival order.
    func updates(of taskID: String) -> [SentUpdate] {
        requests.filter { $0.method == "POST" && $0.path == "/api/v3/worker/task/\(taskID)" }.compactMap(\.update)
    }

    /// All log text sent for `taskID`, concatenated in arrival order.
    func logText(of taskID: String) -> String { updates(of: taskID).compactMap(\.log).joined() }

    /// `POST /api/v3/worker/task` (task fetches).
    var fetches: [RecordedRequest] { requests.filter { $0.method == "POST" && $0.path == "/api/v3/worker/task" } }

    /// `GET …/may-i-run` polls for `taskID`.
    func mayIRunPolls(of taskID: String) -> [RecordedRequest] {
        requests.filter { $0.path == "/api/v3/worker/task/\(taskID)/may-i-run" }
    }

    /// `POST …/output-produced` uploads, for any task.
    var uploads: [RecordedRequest] { requests.filter { $0.path.hasSuffix("/output-produced") } }

    fileprivate func begin(_ request: RecordedRequest) -> Int {
        entries.withLock {
            $0.append(request)
            return $0.count - 1
        }
    }

    fileprivate func finish(_ index: Int, status: Int) {
        entries.withLock {
            $0[index].answered = .now
            $0[index].status = status
        }
    }
}

/// Wraps the Manager's responder to record requests (see ``RequestRecorder``); passes through without a recorder.
struct RecordingResponder<Inner: HTTPResponder>: HTTPResponder {
    typealias Context = Inner.Context
    let inner: Inner
    let recorder: RequestRecorder?

    func respond(to request: Request, context: Context) async throws -> Response {
        guard let recorder else { return try await inner.respond(to: request, context: context) }
        var request = request
        let body = try await request.collectBody(upTo: 64 << 20)
        let recorded = RecordedRequest(
            method: request.method.rawValue, path: request.uri.path, headers: request.headers,
            body: Array(body.readableBytesView), received: .now)
        let index = recorder.begin(recorded)
        await recorder.beforeAnswering(recorded)
        do {
            let response = try await inner.respond(to: request, context: context)
            recorder.finish(index, status: Int(response.status.code))
            return response
        } catch {
            recorder.finish(index, status: (error as? any HTTPResponseError)?.status.code ?? 500)
            throw error
        }
    }
}
