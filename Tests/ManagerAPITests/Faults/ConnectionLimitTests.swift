import Foundation
import ManagerAPI
import Testing

/// Idle and request-read time-outs and the bound on open connections, against the server `tablao serve` builds
/// (issue 12 item 3). Waits are bounded generously: they check that something happens, not how fast.
@Suite struct ConnectionLimitTests {
    static let version = "GET /api/v3/version HTTP/1.1\r\nHost: tablao\r\n\r\n"

    @Test(.timeLimit(.minutes(2)))
    func anIdleKeepAliveConnectionIsClosed() async throws {
        try await TestFarm.with { farm in
            let settings = ConnectionSettings(idleTimeout: .seconds(1), requestReadTimeout: .seconds(30))
            let (status, closed) = try await RawConnection.run(farm: farm, connections: settings) { connection in
                try connection.send(Self.version)
                let answer = try connection.readResponse()
                return (answer.status, connection.waitForClose(upTo: 30).closed)
            }
            #expect(status == 200)
            #expect(closed, "an idle keep-alive connection was still open after 30 s with idle_timeout 1 s")
        }
    }

    @Test(.timeLimit(.minutes(2)))
    func aRequestWhoseHeadTricklesIsAnswered408AndClosed() async throws {
        try await TestFarm.with { farm in
            let settings = ConnectionSettings(idleTimeout: .seconds(600), requestReadTimeout: .seconds(1))
            let (closed, received) = try await RawConnection.run(farm: farm, connections: settings) { connection in
                try connection.send("GET /api/v3/version HTTP/1.1\r\n")
                // One header byte every 200 ms: never idle, never finished.
                var received: [UInt8] = []
                for byte in "X-Slow: abcdefghijklmnopqrstuvwxyz".utf8 {
                    guard (try? connection.send([byte])) != nil else { break }
                    guard let bytes = connection.receive(waiting: 0.2) else {
                        return (true, String(decoding: received, as: UTF8.self))
                    }
                    received += bytes
                }
                let rest = connection.waitForClose(upTo: 30)
                return (rest.closed, String(decoding: received, as: UTF8.self) + rest.received)
            }
            #expect(closed, "a slow-header connection was still open")
            #expect(received.hasPrefix("HTTP/1.1 408"), "\(received)")
            #expect(received.contains(#""code":408"#), "\(received)")
        }
    }

    @Test(.timeLimit(.minutes(2)))
    func aRequestWhoseBodyTricklesIsClosed() async throws {
        try await TestFarm.with { farm in
            let settings = ConnectionSettings(idleTimeout: .seconds(600), requestReadTimeout: .seconds(1))
            let closed = try await RawConnection.run(farm: farm, connections: settings) { connection in
                try connection.send(
                    "POST /api/v3/worker/register-worker HTTP/1.1\r\nHost: tablao\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 4000\r\n\r\n{\"name\": \"")
                for _ in 0..<150 {
                    guard (try? connection.send(Array("a".utf8))) != nil else { return true }
                    if connection.receive(waiting: 0.2) == nil { return true }
                }
                return connection.waitForClose(upTo: 1).closed
            }
            #expect(closed, "a slow-body connection was still open after 30 s with request_read_timeout 1 s")
        }
    }

    @Test(.timeLimit(.minutes(2)))
    func aConnectionBeyondTheBoundIsAnswered503AndClosed() async throws {
        try await TestFarm.with { farm in
            let settings = ConnectionSettings(idleTimeout: .seconds(600), requestReadTimeout: .seconds(600), maximumConnections: 3)
            let (held, refused, afterwards) = try await RawConnection.withPort(farm: farm, connections: settings) { port in
                // Connections, each proven accepted by an answered request and left open, until one is turned away
                // (the test harness's own client holds one more).
                var held: [RawConnection] = []
                var refused: (answer: (status: Int, head: String, body: String), closed: Bool)?
                for _ in 0..<6 where refused == nil {
                    let connection = try RawConnection(port: port)
                    try connection.send(Self.version)
                    let answer = try connection.readResponse()
                    if answer.status == 200 {
                        held.append(connection)
                    } else {
                        refused = (answer, connection.waitForClose(upTo: 30).closed)
                    }
                }
                // Once one of them closes, a new connection is served again.
                held.first?.close()
                var status = 0
                for _ in 0..<100 where status != 200 {
                    let next = try RawConnection(port: port)
                    try next.send(Self.version)
                    status = (try? next.readResponse().status) ?? 0
                    if status != 200 { usleep(100_000) }
                }
                return (held.count, refused, status)
            }
            #expect((1...3).contains(held), "\(held) connections were served with max_connections 3")
            let answer = try #require(refused, "no connection was turned away").answer
            #expect(answer.status == 503, "\(answer.head)")
            #expect(answer.body.contains(#""code":503"#) && answer.body.contains("max_connections"), "\(answer.body)")
            #expect(answer.head.lowercased().contains("connection: close"))
            #expect(refused?.closed == true, "the turned-away connection was not closed")
            #expect(afterwards == 200)
        }
    }
}
