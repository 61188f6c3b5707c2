import Foundation
import Logging
import Synchronization

/// Uploads rendered images for the Manager's "last rendered" preview (worker-agent.md §5): a queue of one where the
/// newest announcement wins, one upload at a time, running for the whole process life. PNG and JPEG files are sent
/// unchanged with their own Content-Type (Tablao's first version: no re-encoding); other formats are skipped.
final class OutputUploader: Sendable {
    /// Largest file the Manager accepts.
    static let maximumSize = 26_214_400

    private struct Item: Sendable {
        let taskID: String
        let path: String
    }

    /// The one pending item, shared with the upload loop.
    private final class Slot: Sendable {
        let item = Mutex<Item?>(nil)

        func take() -> Item? {
            item.withLock { value in
                defer { value = nil }
                return value
            }
        }
    }

    private let slot: Slot
    private let wakeup: AsyncStream<Void>.Continuation
    private let worker: Task<Void, Never>

    init(client: ManagerClient, credentials: WorkerCredentials, logger: Logger) {
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        wakeup = continuation
        let slot = Slot()
        self.slot = slot
        worker = Task {
            for await _ in stream {
                while let item = slot.take() {
                    await Self.upload(item, client: client, credentials: credentials, logger: logger)
                }
            }
        }
    }

    /// Announces a written file; replaces any pending one.
    func enqueue(taskID: String, path: String) {
        slot.item.withLock { $0 = Item(taskID: taskID, path: path) }
        wakeup.yield()
    }

    /// Stops at shutdown: the upload in progress is cancelled, pending items are dropped.
    func stop() {
        wakeup.finish()
        worker.cancel()
    }

    private static func upload(_ item: Item, client: ManagerClient, credentials: WorkerCredentials, logger: Logger) async {
        guard let data = FileManager.default.contents(atPath: item.path) else {
            logger.error("cannot read rendered file \(item.path)")
            return
        }
        guard data.count <= maximumSize else {
            logger.warning("rendered file too large to upload: \(item.path)")
            return
        }
        let bytes = [UInt8](data)
        let contentType: String
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) {
            contentType = "image/png"
        } else if bytes.starts(with: [0xFF, 0xD8, 0xFF]) {
            contentType = "image/jpeg"
        } else {
            logger.debug("not uploading \(item.path): neither PNG nor JPEG")
            return
        }
        do {
            let response = try await client.sendRaw(
                .post, "api/v3/worker/task/\(item.taskID)/output-produced", credentials: credentials, body: bytes,
                contentType: contentType)
            switch response.status {
            case 202: logger.info("uploaded \(item.path)")
            case 413, 429: logger.warning("upload of \(item.path) answered \(response.status)")
            default: logger.error("upload of \(item.path) answered \(response.status): \(response.text)")
            }
        } catch {
            logger.error("upload of \(item.path) failed: \(error)")
        }
    }
}
