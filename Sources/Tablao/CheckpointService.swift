import Logging
import ServiceLifecycle
import Storage

/// Checkpoints the WAL periodically so the `-wal` file stays bounded under continuous load.
///
/// SQLite's automatic checkpoint runs too, but only at commits; this keeps a quiet farm's WAL small as well,
/// and `journal_size_limit` truncates the file after each checkpoint.
struct CheckpointService: Service {
    let database: FarmDatabase
    let logger: Logger
    /// Time between checkpoints.
    var interval: Duration = .seconds(60)

    func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                try await Task.sleep(for: interval)
            } catch {
                return
            }
            do {
                try await database.checkpoint()
            } catch {
                logger.warning("WAL checkpoint failed", metadata: ["error": "\(error)"])
            }
        }
    }
}
