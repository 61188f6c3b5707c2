import Foundation

/// Dedicated threads that run job-type scripts, one job at a time each, so JavaScript never runs on a NIO event
/// loop or on Swift's shared concurrency pool (a compile may take up to its time limit).
///
/// `@unchecked Sendable`: each thread's `ScriptEngine` is touched only by that thread; the queue of pending work
/// is guarded by `condition`.
public final class ScriptThreadPool: @unchecked Sendable {
    /// Threads by default: one runaway script, stopped only at its time limit, then never holds up every compile.
    public static let defaultThreadCount = 2

    private let condition = NSCondition()
    private var pending: [(ScriptEngine) -> Void] = []
    private var isStopping = false

    /// Starts `threads` script threads.
    public init(threads: Int = ScriptThreadPool.defaultThreadCount, name: String = "tablao.scripts") {
        precondition(threads >= 1, "a script pool needs a thread")
        for index in 0..<threads {
            let thread = Thread { [self] in
                Thread.current.name = "\(name).\(index)"
                self.runLoop()
            }
            thread.stackSize = 16 << 20
            thread.start()
        }
    }

    /// Runs `body` on a script thread and returns its result; nil once the pool is stopped.
    func run<T: Sendable>(_ body: @escaping @Sendable (ScriptEngine) -> T) async -> T? {
        await withCheckedContinuation { (continuation: CheckedContinuation<T?, Never>) in
            condition.lock()
            guard !isStopping else {
                condition.unlock()
                continuation.resume(returning: nil)
                return
            }
            pending.append { engine in continuation.resume(returning: body(engine)) }
            condition.signal()
            condition.unlock()
        }
    }

    /// Lets the threads finish the queued work, then stops them; later `run` calls return nil at once.
    public func stop() {
        condition.lock()
        isStopping = true
        condition.broadcast()
        condition.unlock()
    }

    private func runLoop() {
        let engine = ScriptEngine()
        while true {
            condition.lock()
            while pending.isEmpty && !isStopping { condition.wait() }
            if pending.isEmpty {
                condition.unlock()
                return
            }
            let work = pending.removeFirst()
            condition.unlock()
            work(engine)
        }
    }
}
