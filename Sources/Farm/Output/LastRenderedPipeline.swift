import FarmModel
import Foundation
import Imaging
import Logging
import Storage

/// Turns uploaded frames into the job's last-rendered thumbnails, one image at a time, off the request path
/// (protocol.md §3.9): a bounded FIFO of pending images, a dedicated thread for the CPU work, atomic file writes.
public final class LastRenderedPipeline: @unchecked Sendable {
    /// Images waiting to be processed at most; one more is refused with 429.
    public static let capacity = 3
    /// The three thumbnail file names, largest first.
    public static let suffixes = ThumbnailSpec.flamencoDefaults.map(\.fileName)

    private struct Item {
        let job: JobID
        let bytes: [UInt8]
    }

    // `@unchecked Sendable`: `pending`, `busy` and `stopped` are guarded by `condition`; the rest is immutable.
    private let condition = NSCondition()
    private var pending: [Item] = []
    private var busy = false
    private var stopped = false
    private let database: FarmDatabase
    private let root: URL
    private let logger: Logger
    private let thumbnailer = Thumbnailer()

    /// Starts the processing thread.
    public init(database: FarmDatabase, storageRoot: URL, logger: Logger) {
        self.database = database
        self.root = storageRoot
        self.logger = logger
        let thread = Thread { [self] in self.run() }
        thread.name = "tablao.thumbnails"
        thread.start()
    }

    /// Queues an image of `job`; false when the queue is full.
    public func enqueue(_ bytes: [UInt8], job: JobID) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard pending.count < Self.capacity, !stopped else { return false }
        pending.append(Item(job: job, bytes: bytes))
        condition.broadcast()
        return true
    }

    /// Waits until nothing is pending or being processed (tests, shutdown).
    public func waitUntilIdle() async {
        while !isIdle { try? await Task.sleep(for: .milliseconds(10)) }
    }

    private var isIdle: Bool {
        condition.lock()
        defer { condition.unlock() }
        return pending.isEmpty && !busy
    }

    /// Stops after the current image; pending images are dropped.
    public func stop() {
        condition.lock()
        stopped = true
        pending.removeAll()
        condition.broadcast()
        condition.unlock()
    }

    /// The folder holding a job's thumbnails.
    public func folder(of job: JobID) -> URL { root.appending(path: Job.storagePath(for: job)) }

    /// Whether a job has thumbnails: its tiny one exists.
    public func hasImages(_ job: JobID) -> Bool {
        FileManager.default.fileExists(atPath: folder(of: job).appending(path: Self.suffixes.last!).path)
    }

    private func run() {
        while true {
            condition.lock()
            while pending.isEmpty && !stopped { condition.wait() }
            if stopped {
                condition.unlock()
                return
            }
            let item = pending.removeFirst()
            busy = true
            condition.unlock()
            process(item)
            condition.lock()
            busy = false
            condition.broadcast()
            condition.unlock()
        }
    }

    private func process(_ item: Item) {
        let thumbnails: [Thumbnail]
        do {
            thumbnails = try thumbnailer.makeThumbnails(from: item.bytes)
        } catch {
            logger.warning("Dropped an uploaded image that could not be decoded", metadata: [
                "job.id": "\(item.job)", "error": "\(error)",
            ])
            return
        }
        do {
            let folder = folder(of: item.job)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for thumbnail in thumbnails {
                // Write then rename, so a reader never sees a half-written preview.
                let final = folder.appending(path: thumbnail.fileName)
                let temporary = folder.appending(path: ".\(thumbnail.fileName).tmp")
                try Data(thumbnail.jpegData).write(to: temporary)
                // rename(2) replaces atomically and, unlike `FileManager.replaceItemAt` on Linux, also works when
                // `final` does not exist yet (the first upload of a job).
                guard rename(temporary.path, final.path) == 0 else {
                    throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: final.path])
                }
            }
            try recordInDatabase(item.job)
        } catch {
            logger.error("Could not store last-rendered thumbnails", metadata: [
                "job.id": "\(item.job)", "error": "\(error)",
            ])
        }
    }

    /// Blocks this dedicated thread (never a pool thread) until the database has recorded the job.
    private func recordInDatabase(_ job: JobID) throws {
        let done = DispatchSemaphore(value: 0)
        let outcome = ResultBox()
        let database = self.database
        Task {
            do {
                try await database.write { tx in try tx.lastRendered.record(job) }
            } catch {
                outcome.error = error
            }
            done.signal()
        }
        done.wait()
        if let error = outcome.error { throw error }
    }
}

/// Carries an error from a Task back to the waiting thread; written before the semaphore signals.
private final class ResultBox: @unchecked Sendable {
    var error: (any Error)?
}
