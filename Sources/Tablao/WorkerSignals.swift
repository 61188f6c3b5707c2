import Dispatch
import Foundation

/// SIGINT/SIGTERM handling of `tablao worker`: the first signal starts the shutdown (with a 20 s deadline, then exit
/// 254); a second one exits at once with status 1 (worker-agent.md §1.8).
final class WorkerSignals {
    private let sources: [any DispatchSourceSignal]

    init(onFirstSignal: @escaping @Sendable () -> Void) {
        let queue = DispatchQueue(label: "tablao.worker.signals")
        let received = SignalCount()
        sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                if received.increment() > 1 { exit(1) }
                queue.asyncAfter(deadline: .now() + 20) { exit(254) }
                onFirstSignal()
            }
            source.resume()
            return source
        }
    }

    /// Stops listening.
    func stop() { sources.forEach { $0.cancel() } }
}

/// Signals received so far; touched only on the signal queue.
private final class SignalCount: @unchecked Sendable {
    private var count = 0

    func increment() -> Int {
        count += 1
        return count
    }
}
