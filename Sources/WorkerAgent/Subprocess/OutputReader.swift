#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Reads a subprocess's output pipe on a dedicated thread, splits it into lines (worker-agent.md §4.3) and, after
/// end-of-file, reaps the child; the stream yields lines, then the exit code.
enum OutputReader {
    /// What the stream delivers.
    enum Event: Sendable {
        case line(String)
        case exited(Int32)
    }

    /// Starts the reading thread for `process`; it closes the pipe at the end.
    static func events(of process: Subprocess) -> AsyncStream<Event> {
        let (stream, continuation) = AsyncStream.makeStream(of: Event.self)
        let thread = Thread {
            var splitter = LineSplitter()
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(process.outputFD, $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { break }
                for line in splitter.append(buffer[0..<count]) { continuation.yield(.line(line)) }
            }
            close(process.outputFD)
            for line in splitter.finish() { continuation.yield(.line(line)) }
            continuation.yield(.exited(process.waitForExit()))
            continuation.finish()
        }
        thread.name = "tablao-worker output \(process.pid)"
        thread.start()
        return stream
    }
}
