import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A bare TCP exchange with a live server, for requests no HTTP client library will send (no `Content-Length`).
enum RawHTTP {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Sends `request` to 127.0.0.1:`port` and reads until the server closes (or 10 s pass); returns the raw answer.
    /// With `halfClose`, the sending side is shut down after the request (the server sees the end of the stream).
    ///
    /// Runs on a thread of its own so the blocking socket calls never hold a Swift concurrency thread.
    static func exchange(port: Int, request: [UInt8], halfClose: Bool = false) async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(
                    with: Result { try blockingExchange(port: port, request: request, halfClose: halfClose) })
            }
            thread.start()
        }
    }

    /// The status code of a raw answer's status line.
    static func statusCode(of answer: String) -> Int? {
        let parts = answer.prefix { $0 != "\r" && $0 != "\n" }.split(separator: " ")
        return parts.count >= 2 ? Int(parts[1]) : nil
    }

    /// The body of a raw answer (after the blank line).
    static func body(of answer: String) -> String {
        guard let range = answer.range(of: "\r\n\r\n") else { return "" }
        return String(answer[range.upperBound...])
    }

    private static func blockingExchange(port: Int, request: [UInt8], halfClose: Bool) throws -> String {
        #if canImport(Glibc)
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw Failure(description: "socket() failed: \(errno)") }
        defer { close(descriptor) }

        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))

        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw Failure(description: "connect() failed: \(errno)") }

        var sent = 0
        while sent < request.count {
            let result = request.withUnsafeBytes { buffer in
                send(descriptor, buffer.baseAddress! + sent, buffer.count - sent, 0)
            }
            // The server may answer and close before reading everything; what it sent back still counts.
            if result <= 0 { break }
            sent += result
        }
        if halfClose { shutdown(descriptor, Int32(SHUT_WR)) }

        var answer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress!, $0.count, 0) }
            if count <= 0 { break }
            answer += chunk[0..<count]
        }
        return String(decoding: answer, as: UTF8.self)
    }
}
