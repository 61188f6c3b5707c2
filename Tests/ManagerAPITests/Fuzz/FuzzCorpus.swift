import Foundation
import HTTPTypes

/// One API operation to fuzz: method, path with `{id}` placeholders, and whether it takes a JSON body.
struct FuzzEndpoint: Sendable {
    let method: HTTPRequest.Method
    let path: String
    let takesBody: Bool
    let isWorker: Bool

    var name: String { "\(method.rawValue) \(path)" }
}

/// Malformed inputs, generated from a seeded random source so a failure can be replayed.
struct FuzzCorpus {
    var random: SplitMix64

    static let endpoints: [FuzzEndpoint] = {
        let worker: [(HTTPRequest.Method, String, Bool)] = [
            (.post, "/api/v3/worker/sign-on", true), (.post, "/api/v3/worker/sign-off", false),
            (.get, "/api/v3/worker/state", false), (.post, "/api/v3/worker/state-changed", true),
            (.post, "/api/v3/worker/task", false), (.post, "/api/v3/worker/task/{task}", true),
            (.get, "/api/v3/worker/task/{task}/may-i-run", false),
            (.post, "/api/v3/worker/task/{task}/output-produced", true),
        ]
        let open: [(HTTPRequest.Method, String, Bool)] = [
            (.post, "/api/v3/worker/register-worker", true), (.post, "/api/v3/jobs", true),
            (.post, "/api/v3/jobs/check", true), (.get, "/api/v3/jobs/{job}", false),
            (.get, "/api/v3/jobs/{job}/tasks", false), (.post, "/api/v3/jobs/{job}/setstatus", true),
            (.post, "/api/v3/jobs/{job}/setpriority", true), (.post, "/api/v3/jobs/{job}/settag", true),
            (.get, "/api/v3/jobs/{job}/blocklist", false), (.delete, "/api/v3/jobs/{job}/blocklist", true),
            (.get, "/api/v3/jobs/{job}/last-rendered", false), (.delete, "/api/v3/jobs/mass-delete", true),
            (.get, "/api/v3/jobs/type/{name}", false), (.get, "/api/v3/tasks/{task}", false),
            (.post, "/api/v3/tasks/{task}/setstatus", true), (.get, "/api/v3/tasks/{task}/logtail", false),
            (.get, "/api/v3/tasks/{task}/log", false), (.get, "/api/v3/worker-mgt/workers/{worker}", false),
            (.post, "/api/v3/worker-mgt/workers/{worker}/setstatus", true),
            (.post, "/api/v3/worker-mgt/workers/{worker}/settags", true),
            (.post, "/api/v3/worker-mgt/workers/{worker}/sleep-schedule", true),
            (.get, "/api/v3/worker-mgt/workers/{worker}/sleep-schedule", false),
            (.post, "/api/v3/worker-mgt/tags", true), (.put, "/api/v3/worker-mgt/tag/{tag}", true),
            (.get, "/api/v3/worker-mgt/tag/{tag}", false), (.delete, "/api/v3/worker-mgt/tag/{tag}", false),
            (.get, "/api/v3/configuration/shared-storage/{name}/{name}", false),
            (.get, "/api/v3/configuration/variables/{name}/{name}", false), (.get, "/job-files/{file}", false),
        ]
        return worker.map { FuzzEndpoint(method: $0.0, path: $0.1, takesBody: $0.2, isWorker: true) }
            + open.map { FuzzEndpoint(method: $0.0, path: $0.1, takesBody: $0.2, isWorker: false) }
    }()

    /// Path IDs that are not valid, or valid but unknown (upper case, random).
    mutating func pathID() -> String {
        let choices: [String] = [
            "", "x", "not-a-uuid", String(repeating: "a", count: 36), UUID().uuidString,
            UUID().uuidString.lowercased(), "00000000-0000-0000-0000-00000000000g", "%00%ff", "..",
            "%2e%2e%2f%2e%2e%2fetc%2fpasswd", String(repeating: "9", count: 5000), "%27%3B%20DROP%20TABLE%20tasks%3B%20--",
            "%F0%9F%98%80", "-1", "1e400",
        ]
        return choices[Int(random.next() % UInt64(choices.count))]
    }

    /// `/job-files/` paths that try to leave the storage folder.
    mutating func traversal() -> String {
        let choices = [
            "../../etc/passwd", "..%2f..%2fetc%2fpasswd", "%2e%2e/%2e%2e/etc/passwd", "/etc/passwd",
            "job-0000/../../../etc/passwd", ".hidden", "job-x/%00", "....//....//etc/passwd", "..%5C..%5Cetc%5Cpasswd",
        ]
        return choices[Int(random.next() % UInt64(choices.count))]
    }

    /// A malformed `Authorization` header, or none.
    mutating func authorization(validID: String) -> String? {
        let choices: [String?] = [
            nil, "", "Basic", "Basic !!!notbase64", "Bearer abc",
            "Basic " + Data("no-colon".utf8).base64EncodedString(),
            "Basic " + Data("\(validID):wrong-secret".utf8).base64EncodedString(),
            "Basic " + Data("\(UUID().uuidString.lowercased()):x".utf8).base64EncodedString(),
            "Basic " + Data(":".utf8).base64EncodedString(), "Basic " + String(repeating: "A", count: 10_000),
            "basic " + Data([0xFF, 0xFE, 0x3A, 0x00]).base64EncodedString(),
        ]
        return choices[Int(random.next() % UInt64(choices.count))]
    }

    /// A body that no endpoint accepts: malformed, truncated, wrongly typed, oversized or wrongly encoded.
    mutating func badBody() -> (bytes: [UInt8], contentType: String?) {
        let valid = #"{"name":"w","secret":"s","platform":"linux","supported_task_types":["misc"],"status":"awake","taskStatus":"completed","priority":50,"reason":"r","is_lazy":false,"type":"echo-sleep-test","submitter_platform":"linux"}"#
        switch random.next() % 12 {
        case 0: return (Array(valid.utf8.prefix(Int(random.next() % UInt64(valid.utf8.count)))), "application/json")
        case 1: return ((0..<Int(random.next() % 300)).map { _ in UInt8(truncatingIfNeeded: random.next()) }, "application/json")
        case 2: return (Array(#"{"status": 42, "taskStatus": ["x"], "priority": "high", "name": null}"#.utf8), "application/json")
        case 3: return (Array(#"{"status": "sleepwalking", "taskStatus": "soft-failed", "priority": 1000}"#.utf8), "application/json")
        case 4: return ([0x7B, 0x22, 0xC3, 0x28, 0x22, 0x3A, 0x31, 0x7D], "application/json")  // {"\xC3(":1} invalid UTF-8
        case 5: return (Array(String(repeating: "[", count: 100_000).utf8), "application/json")
        case 6: return (Array(valid.utf8), "text/plain")
        case 7: return (Array(valid.utf8), nil)
        case 8: return (Array("[1,2,3]".utf8), "application/json")
        case 9: return (Array(("{\"name\":\"" + String(repeating: "x", count: 3 << 20) + "\"}").utf8), "application/json")
        case 10: return ([], "application/json")
        default: return (Array(#"{"priority": 1.5, "is_lazy": "yes", "steps_completed": -4, "tag_ids": ["nope"]}"#.utf8), "application/json")
        }
    }
}

extension FuzzCorpus {
    private mutating func pick<T>(_ choices: [T]) -> T { choices[Int(random.next() % UInt64(choices.count))] }

    /// Arrays and objects mixed, `levels` deep, around a scalar, as JSON text.
    mutating func nested(_ levels: Int) -> String {
        var text = pick(["1", "\"x\"", "null", "true", "{}", "[]", "-0.5"])
        for _ in 0..<levels {
            text = random.next() % 2 == 0 ? "[" + text + "]" : #"{"k":"# + text + "}"
        }
        return text
    }

    /// Depths around every limit: the nesting cap (32), JSON decoders' 512, and far beyond.
    mutating func depth() -> Int { pick([0, 1, 2, 31, 32, 33, 64, 200, 509, 510, 511, 600, 5_000]) }

    /// A job submission with nested values in fields a job stores: undeclared and declared settings (which the
    /// job types copy into commands' parameters), metadata, name or priority.
    mutating func nestedJobBody() -> [UInt8] {
        let type = pick(["echo-sleep-test", "simple-blender-render"])
        var settings: [String: String] =
            type == "echo-sleep-test"
            ? ["message": #""hi""#, "sleep_duration_seconds": "1", "sleep_repeats": "1"]
            : [
                "frames": #""1-3""#, "chunk_size": "1", "render_output_root": #""/r/""#, "add_path_components": "0",
                "render_output_path": #""/r/######""#, "blendfile": #""/s/shot.blend""#, "fps": "24",
                "format": #""PNG""#, "image_file_extension": #"".png""#, "has_previews": "false", "scene": #""Scene""#,
            ]
        var metadata: [String: String] = ["project": #""p""#]
        var name = #""nested""#
        var priority = "50"
        switch random.next() % 6 {
        case 0: settings["undeclared-\(random.next() % 3)"] = nested(depth())
        case 1: settings[pick(settings.keys.sorted())] = nested(depth())
        case 2: metadata["m"] = nested(depth())
        case 3: name = nested(depth())
        case 4: priority = pick(["-1", "101", "9223372036854775807", "1e400", nested(depth())])
        default:
            for key in settings.keys.sorted() where random.next() % 3 == 0 { settings[key] = nested(depth()) }
            settings["extra"] = nested(depth())
        }
        func object(_ members: [String: String]) -> String {
            "{" + members.sorted { $0.key < $1.key }.map { "\"\($0.key)\":\($0.value)" }.joined(separator: ",") + "}"
        }
        return Array(
            object([
                "name": name, "type": "\"\(type)\"", "priority": priority, "submitter_platform": #""linux""#,
                "settings": object(settings), "metadata": object(metadata),
            ]).utf8)
    }

    /// A body for any other endpoint whose every field may hold a nested value.
    mutating func nestedBody() -> [UInt8] {
        let fields = [
            "name", "secret", "platform", "supported_task_types", "status", "taskStatus", "activity", "log", "priority",
            "reason", "is_lazy", "tag_ids", "id", "description", "steps_completed", "schedule_active", "days_of_week",
        ]
        let members = fields.filter { _ in random.next() % 2 == 0 }.map { "\"\($0)\":\(nested(depth()))" }
        return Array(("{" + members.joined(separator: ",") + "}").utf8)
    }
}

/// A small deterministic random source (SplitMix64), so a failing run can be replayed from its seed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
