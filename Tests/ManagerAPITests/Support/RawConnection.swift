import Foundation
import ManagerAPI

#if canImport(Glibc)
    import Glibc
#endif

/// One TCP connection to a live Manager driven byte by byte, for what no HTTP client does on purpose: sending a
/// request slowly, holding a connection idle, watching the server close it. Blocking calls run on a thread of their
/// own, never on a Swift concurrency thread.
final class RawConnection {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let descriptor: Int32
    private var isClosed = false
    private var pending: [UInt8] = []

    /// Connects to 127.0.0.1:`port`.
    init(port: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(description: "socket() failed: \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            Glibc.close(descriptor)
            throw Failure(description: "connect() failed: \(errno)")
        }
    }

    deinit { close() }

    /// Closes the connection from this side (once).
    func close() {
        guard !isClosed else { return }
        isClosed = true
        Glibc.close(descriptor)
    }

    /// Runs `body` on a thread of its own against a live server over `farm` with `connections`.
    static func withPort<T: Sendable>(
        farm: TestFarm, connections: ConnectionSettings = ConnectionSettings(),
        _ body: @escaping @Sendable (Int) throws -> T
    ) async throws -> T {
        try await farm.live(connections: connections) { _, port in try await onThread { try body(port) } }
    }

    /// Runs `body` with one connection to a live server over `farm`.
    static func run<T: Sendable>(
        farm: TestFarm, connections: ConnectionSettings = ConnectionSettings(),
        _ body: @escaping @Sendable (RawConnection) throws -> T
    ) async throws -> T {
        try await withPort(farm: farm, connections: connections) { port in try body(RawConnection(port: port)) }
    }

    static func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try body() }) }.start()
        }
    }

    func send(_ text: String) throws { try send(Array(text.utf8)) }

    func send(_ bytes: [UInt8]) throws {
        var sent = 0
        while sent < bytes.count {
            let result = bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress! + sent, $0.count - sent, Int32(MSG_NOSIGNAL)) }
            guard result > 0 else { throw Failure(description: "send() failed: \(errno)") }
            sent += result
        }
    }

    /// Waits up to `seconds` for bytes; nil when the server closed the connection, [] when nothing came in time.
    func receive(waiting seconds: Double) -> [UInt8]? {
        if !pending.isEmpty {
            defer { pending = [] }
            return pending
        }
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, Int32(seconds * 1000)) > 0 else { return [] }
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress!, $0.count, 0) }
        return count > 0 ? Array(chunk[0..<count]) : nil
    }

    /// Reads until the server closes the connection (true) or `seconds` pass without it doing so (false); returns
    /// what arrived meanwhile.
    func waitForClose(upTo seconds: Double) -> (closed: Bool, received: String) {
        let deadline = Date().addingTimeInterval(seconds)
        var received: [UInt8] = []
        while Date() < deadline {
            guard let bytes = receive(waiting: min(0.2, max(0.01, deadline.timeIntervalSinceNow))) else {
                return (true, String(decoding: received, as: UTF8.self))
            }
            received += bytes
        }
        return (false, String(decoding: received, as: UTF8.self))
    }

    /// Reads one response: its status, `Content-Length`, and the body bytes, counted and dropped as they arrive.
    func readResponseDiscardingBody(waiting seconds: Double = 60) throws -> (status: Int, length: Int, received: Int) {
        var head: [UInt8] = []
        let separator = Array("\r\n\r\n".utf8)
        var bodyStart: [UInt8] = []
        while true {
            guard let bytes = receive(waiting: seconds) else { throw Failure(description: "closed before a response head") }
            guard !bytes.isEmpty else { throw Failure(description: "no response head within \(seconds) s") }
            head += bytes
            if let range = Self.find(separator, in: head) {
                bodyStart = Array(head[range.upperBound...])
                head = Array(head[..<range.lowerBound])
                break
            }
        }
        let text = String(decoding: head, as: UTF8.self)
        let status = RawHTTP.statusCode(of: text) ?? 0
        let length = text.split(separator: "\r\n").compactMap { line -> Int? in
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "content-length" else { return nil }
            return Int(parts[1].trimmingCharacters(in: .whitespaces))
        }.first ?? 0
        var received = bodyStart.count
        while received < length {
            guard let bytes = receive(waiting: seconds), !bytes.isEmpty else { break }
            received += bytes.count
        }
        return (status, length, received)
    }

    /// Reads one whole response with a `Content-Length` body: status, raw head text and body text.
    func readResponse(waiting seconds: Double = 30) throws -> (status: Int, head: String, body: String) {
        var buffer: [UInt8] = []
        let separator = Array("\r\n\r\n".utf8)
        while true {
            if let range = Self.find(separator, in: buffer) {
                let head = String(decoding: buffer[..<range.lowerBound], as: UTF8.self)
                let length = head.lowercased().split(separator: "\r\n").compactMap { line -> Int? in
                    guard line.hasPrefix("content-length:") else { return nil }
                    return Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces))
                }.first ?? 0
                var body = Array(buffer[range.upperBound...])
                while body.count < length {
                    guard let bytes = receive(waiting: seconds), !bytes.isEmpty else { break }
                    body += bytes
                }
                pending = Array(body.dropFirst(length))
                return (RawHTTP.statusCode(of: head) ?? 0, head, String(decoding: body.prefix(length), as: UTF8.self))
            }
            guard let bytes = receive(waiting: seconds) else { throw Failure(description: "closed before a response") }
            guard !bytes.isEmpty else { throw Failure(description: "no response within \(seconds) s") }
            buffer += bytes
        }
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Range<Int>? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where Array(haystack[start..<start + needle.count]) == needle {
            return start..<start + needle.count
        }
        return nil
    }
}
